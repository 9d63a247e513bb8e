using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ClawClip.Agents;

/// <summary>
/// One YAML mapping of a file, read key by key: unknown keys are refused with the nearest known
/// one, and every problem names the line of the node it is about.
/// </summary>
internal sealed class YamlMapping
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> entries = new(StringComparer.Ordinal);
    private readonly YamlNode owner;

    /// <param name="source">The file, for messages and the exception they are raised as.</param>
    /// <param name="node">The mapping.</param>
    /// <param name="path">Where it is, for messages (<c>git</c>, <c>availability[2]</c>); empty at the top.</param>
    /// <param name="knownKeys">Every key it may hold, in the order a person would write them.</param>
    /// <param name="owner">The node whose line a missing key is reported at (<c>git:</c> rather than its first entry); the mapping if null.</param>
    /// <param name="keyKind">What its keys are, for an unknown one (<c>unknown handoff 'dev-to-q'</c>).</param>
    public YamlMapping(YamlSource source, YamlMappingNode node, string path, IReadOnlyList<string> knownKeys, YamlNode? owner = null, string keyKind = "key")
    {
        Source = source;
        Node = node;
        this.owner = owner ?? node;
        Path = path;
        foreach (var (keyNode, value) in node.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
            {
                throw Fail(keyNode, "a key must be a plain name (like role), not a list or a mapping");
            }

            if (!knownKeys.Contains(key, StringComparer.Ordinal))
            {
                var suggestion = KeySuggestion.Closest(key, knownKeys);
                var where = path.Length == 0 ? "" : $" in '{path}'";
                var hint = suggestion is null ? "" : $"; did you mean '{suggestion}'?";
                throw Fail(keyNode, $"unknown {keyKind} '{key}'{where}{hint} (known {keyKind}s: {string.Join(", ", knownKeys)})");
            }

            entries.Add(key, (scalarKey, value));
        }
    }

    public YamlSource Source { get; }

    public YamlMappingNode Node { get; }

    public string Path { get; }

    /// <summary>The value of <paramref name="key"/>, or null when it is absent or written as null (<c>key:</c>, <c>~</c>).</summary>
    public YamlNode? Optional(string key) =>
        entries.TryGetValue(key, out var entry) && !IsNull(entry.Value) ? entry.Value : null;

    /// <summary>The value of <paramref name="key"/>; <paramref name="example"/> (<c>role: dev</c>) shows how to add it.</summary>
    public YamlNode Required(string key, string example)
    {
        if (entries.TryGetValue(key, out var entry))
        {
            return IsNull(entry.Value) ? throw Fail(entry.Key, $"'{Name(key)}' has no value (write e.g. {example})") : entry.Value;
        }

        // At the top the file itself is what lacks the key; a nested mapping has a line of its own.
        return Path.Length == 0
            ? throw Source.Fail($"missing required key '{key}' (add e.g. {example})")
            : throw Fail(owner, $"missing required key '{Name(key)}' (add e.g. {example})");
    }

    /// <summary>The line of <paramref name="key"/> itself, for problems that concern the key more than its value.</summary>
    public YamlNode KeyNode(string key) => entries[key].Key;

    public string Scalar(string key, YamlNode value, string example) =>
        value is YamlScalarNode { Value: { } text }
            ? text
            : throw Fail(value, $"'{Name(key)}' must be a single value, like {example}, not {Describe(value)}");

    public IReadOnlyList<YamlScalarNode> ScalarList(string key, YamlNode value, string example)
    {
        if (value is not YamlSequenceNode sequence)
        {
            throw Fail(value, $"'{Name(key)}' must be a list, like {example}, not {Describe(value)}");
        }

        var items = new List<YamlScalarNode>();
        foreach (var item in sequence.Children)
        {
            items.Add(item is YamlScalarNode { Value: not null } scalar && !IsNull(scalar)
                ? scalar
                : throw Fail(item, $"each item of '{Name(key)}' must be a single value, like {example}, not {Describe(item)}"));
        }

        return items;
    }

    /// <summary>
    /// The mapping under <paramref name="key"/>, read the same way; a missing key in it is reported at the line of
    /// <paramref name="key"/>.
    /// </summary>
    /// <param name="key">Its key here.</param>
    /// <param name="value">Its value.</param>
    /// <param name="knownKeys">Every key it may hold.</param>
    /// <param name="holding">What it holds, for a value that is not a mapping (<c>name and email</c>).</param>
    /// <param name="example">How it is written (<c>git: {name: …, email: …}</c>).</param>
    /// <param name="keyKind">What its keys are, for an unknown one.</param>
    public YamlMapping Nested(string key, YamlNode value, IReadOnlyList<string> knownKeys, string holding, string example, string keyKind = "key") =>
        value is YamlMappingNode mapping
            ? new YamlMapping(Source, mapping, Name(key), knownKeys, KeyNode(key), keyKind)
            : throw Fail(value, $"'{Name(key)}' must be a mapping of {holding}, like {example}");

    /// <summary>A program and its arguments, written as a list so that it is never run through a shell.</summary>
    public IReadOnlyList<string> CommandLine(string key, YamlNode value, string example)
    {
        if (value is YamlScalarNode)
        {
            throw Fail(value, $"'{Name(key)}' must be a list, the program first and then each argument, like {example}; it is never run through a shell");
        }

        var items = ScalarList(key, value, example);
        if (items.Count == 0 || items[0].Value!.Trim().Length == 0)
        {
            throw Fail(value, $"'{Name(key)}' must start with the program to run, like {example}");
        }

        return items.Select(i => i.Value!).ToList();
    }

    public string Name(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public YamlFileException Fail(YamlNode node, string problem) => Source.Fail(node, problem);

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        YamlScalarNode scalar when IsNull(scalar) => "nothing",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "an alias",
    };
}
