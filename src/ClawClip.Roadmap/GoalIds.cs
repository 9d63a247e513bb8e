using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using ClawClip.Core.Goals;
using static System.FormattableString;

namespace ClawClip.Roadmap;

/// <summary>Settles each collected item's <see cref="GoalId"/>: the rule is written on <see cref="RoadmapReader"/>.</summary>
internal static class GoalIds
{
    private const int HashBytes = 5;

    public static bool TryAssign(
        string sourceName,
        IReadOnlyList<GoalDraft> drafts,
        [NotNullWhen(true)] out IReadOnlyList<RoadmapGoal>? goals,
        [NotNullWhen(false)] out RoadmapProblem? problem)
    {
        goals = null;

        // Explicit ids first, so that a computed id never takes one, whichever comes first in the file.
        var explicitLines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var draft in drafts)
        {
            if (draft.Slug is { } slug && !explicitLines.TryAdd(slug, draft.Line))
            {
                problem = new RoadmapProblem(
                    sourceName,
                    RoadmapProblemKind.DuplicateGoalId,
                    Invariant($"{sourceName} lines {explicitLines[slug]} and {draft.Line} both say <!-- goal: {slug} -->; goal ids must be unique"),
                    draft.Line);
                return false;
            }
        }

        var taken = new HashSet<string>(explicitLines.Keys.Select(slug => "G-" + slug), StringComparer.Ordinal);
        var ids = new GoalId[drafts.Count];
        var result = new RoadmapGoal[drafts.Count];
        for (var i = 0; i < drafts.Count; i++)
        {
            var draft = drafts[i];
            ids[i] = GoalId.Parse(draft.Slug is { } slug ? "G-" + slug : Unique(Hashed(draft.Path), taken));
            GoalId? parent = draft.Parent < 0 ? null : ids[draft.Parent];
            result[i] = new RoadmapGoal(ids[i], draft.Text, draft.Done, draft.Headings, parent, draft.Line);
        }

        goals = result.AsReadOnly();
        problem = null;
        return true;
    }

    /// <summary><c>G-</c> and the first ten lower-case hex digits of SHA-256 over the UTF-8 of <paramref name="path"/>.</summary>
    internal static string Hashed(string path)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(path), hash);
        return "G-" + Convert.ToHexStringLower(hash[..HashBytes]);
    }

    /// <summary><paramref name="id"/> if free, else the first free of <c>id-2</c>, <c>id-3</c>, …; taken either way.</summary>
    private static string Unique(string id, HashSet<string> taken)
    {
        var candidate = id;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = Invariant($"{id}-{n}");
        }

        return candidate;
    }
}
