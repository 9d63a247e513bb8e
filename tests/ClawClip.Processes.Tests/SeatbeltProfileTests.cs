using ClawClip.Processes.Sandboxing;

namespace ClawClip.Processes.Tests;

/// <summary>The macOS profile, generated here and checked as text and as an s-expression (it is never run on a Mac here).</summary>
public sealed class SeatbeltProfileTests
{
    private static readonly Confinement Clone = new() { Writable = ["/Users/me/.local/state/clawclip/r/clones/T-1", "/Users/me/.local/state/clawclip/r/homes/dev-1"], ReadOnly = ["/Users/me/src/r/.git/objects"] };

    [Fact]
    public void It_denies_by_default_and_opens_only_the_clone_the_home_and_the_temp_folder_for_writing()
    {
        var profile = SeatbeltProfile.Generate(Clone, "/private/tmp/run-1", "/Users/me/Library/Keychains");
        var forms = SExpression.Parse(profile);

        Assert.Equal(["version", "1"], forms[0].Atoms);
        Assert.Equal(["deny", "default"], forms[1].Atoms);
        var writes = forms.Single(f => f.Atoms.Take(3).SequenceEqual(["allow", "file-read*", "file-write*"]));
        var writable = writes.Children.Select(c => c.Atoms[1]).ToArray();
        Assert.Equal(["\"/Users/me/.local/state/clawclip/r/clones/T-1\"", "\"/Users/me/.local/state/clawclip/r/homes/dev-1\"", "\"/private/tmp/run-1\"", "\"/Users/me/Library/Keychains\""], writable);
        Assert.DoesNotContain(forms, f => f.Atoms.SequenceEqual(["allow", "file-write*"]) && f.Children.Any(c => c.Atoms.Contains("\"/Users/me/src/r/.git/objects\"")));
        Assert.Contains(forms, f => f.Atoms.SequenceEqual(["allow", "file-read*"]) && f.Children.Any(c => c.Atoms.SequenceEqual(["subpath", "\"/Users/me/src/r/.git/objects\""])));
        Assert.DoesNotContain("\"/Users/me\"", profile, StringComparison.Ordinal);
        Assert.Contains(forms, f => f.Atoms.SequenceEqual(["allow", "network*"]) && f.Children.Count == 0);
        Assert.Contains(forms, f => f.Atoms.SequenceEqual(["allow", "mach-lookup"]) && f.Children.Any(c => c.Atoms.SequenceEqual(["global-name", "\"com.apple.SecurityServer\""])));
    }

    [Fact]
    public void A_closed_network_leaves_only_loopback()
    {
        var profile = SeatbeltProfile.Generate(Clone with { Network = false }, "/private/tmp/run-1", null);

        var network = SExpression.Parse(profile).Single(f => f.Atoms.SequenceEqual(["allow", "network*"]));
        Assert.Equal([["remote", "ip", "\"localhost:*\""], ["remote", "unix-socket"]], network.Children.Select(c => c.Atoms));
    }

    [Fact]
    public void A_path_cannot_end_its_string_early()
    {
        var profile = SeatbeltProfile.Generate(Confinement.To("/tmp/a\") (allow default) (\""), "/tmp", null);

        var forms = SExpression.Parse(profile);
        Assert.DoesNotContain(forms, f => f.Atoms.SequenceEqual(["allow", "default"]));
        Assert.Throws<ArgumentException>(() => SeatbeltProfile.Quote("/tmp/line\nbreak"));
    }

    [Fact]
    public void The_sandbox_exec_command_carries_the_profile_and_the_program()
    {
        var spec = new Seatbelt().Wrap(ProcessSpec.Create("claude", "-p"), "/opt/homebrew/bin/claude", Clone);

        Assert.Equal("/usr/bin/sandbox-exec", spec.FileName);
        Assert.Equal("-p", spec.Arguments[0]);
        Assert.StartsWith("(version 1)", spec.Arguments[1], StringComparison.Ordinal);
        Assert.Equal(["/opt/homebrew/bin/claude", "-p"], spec.Arguments.Skip(2));
        Assert.Null(spec.Confinement);
    }

    /// <summary>A form: its atoms in order and its nested forms (enough of SBPL's Scheme syntax to check a profile's shape).</summary>
    private sealed record SExpression(List<string> Atoms, List<SExpression> Children)
    {
        public static List<SExpression> Parse(string text)
        {
            var position = 0;
            var forms = new List<SExpression>();
            while (SkipSpace(text, ref position) < text.Length)
            {
                forms.Add(ParseForm(text, ref position));
            }

            return forms;
        }

        private static SExpression ParseForm(string text, ref int position)
        {
            Assert.Equal('(', text[position++]);
            var form = new SExpression([], []);
            while (SkipSpace(text, ref position) < text.Length && text[position] != ')')
            {
                if (text[position] == '(')
                {
                    form.Children.Add(ParseForm(text, ref position));
                }
                else
                {
                    form.Atoms.Add(ParseAtom(text, ref position));
                }
            }

            Assert.True(position < text.Length, "an unclosed form");
            position++;
            return form;
        }

        private static string ParseAtom(string text, ref int position)
        {
            var start = position;
            if (text[position] == '"' || text.AsSpan(position).StartsWith("#\""))
            {
                position = text.IndexOf('"', position) + 1;
                while (text[position] != '"')
                {
                    position += text[position] == '\\' ? 2 : 1;
                }

                position++;
                return text[start..position];
            }

            while (position < text.Length && !char.IsWhiteSpace(text[position]) && text[position] is not '(' and not ')')
            {
                position++;
            }

            return text[start..position];
        }

        private static int SkipSpace(string text, ref int position)
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }

            return position;
        }
    }
}
