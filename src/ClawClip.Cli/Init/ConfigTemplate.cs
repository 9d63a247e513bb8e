using System.Text;
using System.Text.RegularExpressions;

namespace ClawClip.Cli.Init;

/// <summary>
/// The commented <c>clawclip.yaml</c> that <c>clawclip init</c> writes: the checks it guessed (or, when it found
/// none, a comment saying what to fill in), and the other settings as commented-out defaults.
/// </summary>
internal static partial class ConfigTemplate
{
    public static string Render(IReadOnlyList<CheckGuess> found)
    {
        var text = new StringBuilder();
        text.Append("""
            # claw.clip's settings for this repository, written by `clawclip init`. A key left out takes its default.
            # The daemon reads this file as committed on the target branch (main): commit it for it to take effect.

            # The commands the dev-to-qa check and the merge gate run in the task's worktree: the program, then each
            # argument (never a shell string). Work that does not build or pass them never reaches QA or main.

            """);
        if (found.Count == 0)
        {
            text.Append("""
                # No build or test command could be guessed from this repository (no .sln/.csproj, package.json with a
                # test script, pytest configuration or tests/, Cargo.toml, go.mod, or Makefile with a test target).
                # Fill in yours, or leave them out and only QA judges the work:
                # checks:
                #   build: [make, build]
                #   test: [make, test]

                """);
        }
        else
        {
            var use = found[0];
            text.Append(CultureInvariant($"# Guessed from {use.Found}: check them before you commit this file.\n"));
            foreach (var other in found.Skip(1))
            {
                text.Append(CultureInvariant($"# Also found {other.Found}: {Flow(other.Test)}{(other.Build is { } b ? $" (build {Flow(b)})" : string.Empty)}.\n"));
            }

            text.Append("checks:\n");
            if (use.Build is { } build)
            {
                text.Append("  build: ").Append(Flow(build)).Append('\n');
            }

            text.Append("  test: ").Append(Flow(use.Test)).Append("\n\n");
        }

        text.Append("""
            # What each handoff does when its input is stale, missing or failed: continue (warn and go on) or halt.
            # failure_policy:
            #   trigger-to-planner: continue
            #   planner-to-dev: continue
            #   dev-to-qa: halt
            #   qa-to-merge: halt
            #   merge: halt

            # How many tasks the team works on at once (each dev also within its own max_concurrent_tasks).
            # dispatch:
            #   max_parallel: 2

            # Where alerts and the daily summary go: the webhook's URL is read from this environment variable
            # (give it to the daemon with --env-file; never commit it).
            # notifications:
            #   webhook_url_env: CLAWCLIP_WEBHOOK_URL
            #   daily_summary_at: "18:00"

            # Paths whose change lands only after `clawclip approve`, at every tier, besides the built-in ones (agents/,
            # clawclip.yaml, ROADMAP.md, .github/, .claude/, .husky/, .githooks/, .gitmodules, .gitattributes).
            # Each is a file or a folder from the repository root, and covers everything under it.
            # protected_paths:
            #   - deploy/

            """);
        return text.ToString();
    }

    /// <summary>A YAML flow sequence: <c>[dotnet, build, App.sln]</c>, quoting what YAML would read otherwise.</summary>
    public static string Flow(IReadOnlyList<string> command) =>
        "[" + string.Join(", ", command.Select(arg => Plain().IsMatch(arg) ? arg : "\"" + arg.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")) + "]";

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    // Safe unquoted in a flow sequence: starts with a letter, digit, dot or slash, and has no indicator characters.
    [GeneratedRegex(@"^[A-Za-z0-9./_][A-Za-z0-9./_+=@-]*$")]
    private static partial Regex Plain();
}
