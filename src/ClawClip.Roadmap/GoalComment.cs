namespace ClawClip.Roadmap;

/// <summary>Finds <c>&lt;!-- goal: some-slug --&gt;</c> comments in HTML from an item.</summary>
internal static class GoalComment
{
    private const string Open = "<!--";
    private const string Close = "-->";
    private const string Keyword = "goal:";

    /// <summary>Adds the slug of each goal comment in <paramref name="html"/> (as written, trimmed, not yet checked) to <paramref name="slugs"/>.</summary>
    public static void Collect(ReadOnlySpan<char> html, List<string> slugs)
    {
        while (html.IndexOf(Open, StringComparison.Ordinal) is var open and >= 0)
        {
            html = html[(open + Open.Length)..];
            var close = html.IndexOf(Close, StringComparison.Ordinal);
            var body = (close < 0 ? html : html[..close]).Trim();
            if (body.StartsWith(Keyword, StringComparison.OrdinalIgnoreCase))
            {
                slugs.Add(body[Keyword.Length..].Trim().ToString());
            }

            if (close < 0)
            {
                return;
            }

            html = html[(close + Close.Length)..];
        }
    }
}
