using System.Text;

namespace ClawClip.Roadmap.Tests;

/// <summary>Each way of nesting Markdown the guard refuses, 1,000 levels deep, with the line the guard should name.</summary>
internal static class DeepForms
{
    public const int Depth = 1000;

    public static TheoryData<string> Names => [.. Forms.Keys];

    public static (string Text, int Line, string What) Get(string name) => Forms[name]();

    private static readonly Dictionary<string, Func<(string, int, string)>> Forms = new()
    {
        ["dash list markers"] = () => (Repeat("- ") + "[ ] x\n", 1, Blocks),
        ["star list markers"] = () => (Repeat("* ") + "[ ] x\n", 1, Blocks),
        ["plus list markers"] = () => (Repeat("+ ") + "[ ] x\n", 1, Blocks),
        ["ordered dot markers"] = () => (Repeat("1. ") + "[ ] x\n", 1, Blocks),
        ["ordered paren markers"] = () => (Repeat("1) ") + "[ ] x\n", 1, Blocks),
        ["spaced quote markers"] = () => (Repeat("> ") + "- [ ] x\n", 1, Blocks),
        ["packed quote markers"] = () => (Repeat(">") + " - [ ] x\n", 1, Blocks),
        ["quotes and lists mixed"] = () => (Repeat("- > ") + "x\n", 1, Blocks),
        ["leading spaces"] = () => (Repeat("  ") + "- [ ] x\n", 1, Blocks),
        ["leading tabs"] = () => (Repeat("\t") + "- [ ] x\n", 1, Blocks),
        ["a staircase of items indented two spaces"] = () => (Lines(i => Spaces(2 * i) + "- [ ] x"), 33, Blocks),
        ["a staircase of items indented by tabs"] = () => (Lines(i => new string('\t', i) + "- [ ] x"), 17, Blocks),
        ["a staircase of ordered items indented by tabs"] = () => (Lines(i => new string('\t', i) + "1. [ ] x"), 17, Blocks),
        ["a staircase of quotes"] = () => (Lines(i => new string('>', i + 1) + " x"), 33, Blocks),
        ["open brackets"] = () => ("- [ ] " + Repeat("[") + "x" + Repeat("]") + "\n", 1, Brackets),
        ["open brackets across lines"] = () => ("- [ ] x\n" + Lines(_ => "  [x"), 34, Brackets),
        ["nested links"] = () => ("- [ ] " + Repeat("[a") + Repeat("](u)") + "\n", 1, Brackets),
        ["nested images"] = () => ("- [ ] " + Repeat("![a") + Repeat("](u)") + "\n", 1, Brackets),
        ["nested emphasis"] = () => ("- [ ] " + Repeat("*a _b ") + "x" + Repeat("_ *") + "\n", 1, Emphasis),
        ["unclosed emphasis"] = () => ("- [ ] " + Repeat("*a ") + "\n", 1, Emphasis),
        ["unclosed emphasis across lines"] = () => ("- [ ] x\n" + Lines(_ => "  _a"), 34, Emphasis),
        ["emphasis around links"] = () => ("- [ ] " + Repeat("*[") + "x" + Repeat("](u)*") + "\n", 1, Brackets),
    };

    private const string Blocks = "nests blocks more than 32 levels deep (block quotes, list items or indentation)";
    private const string Brackets = "has more than 32 '[' open at once";
    private const string Emphasis = "has more than 32 emphasis markers ('*' or '_') open at once";

    private static string Repeat(string unit) => new StringBuilder(unit.Length * Depth).Insert(0, unit, Depth).ToString();

    private static string Spaces(int count) => new(' ', count);

    private static string Lines(Func<int, string> line) => string.Concat(Enumerable.Range(0, Depth).Select(i => line(i) + "\n"));
}
