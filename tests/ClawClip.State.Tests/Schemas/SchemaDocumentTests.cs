using System.Text.Json;
using ClawClip.State.Tests.Support;

namespace ClawClip.State.Tests.Schemas;

/// <summary>The schema files as documents a person reads: declared, identified, described, closed.</summary>
public sealed class SchemaDocumentTests
{
    public static TheoryData<string> SchemaFiles { get; } =
        ["task.schema.json", "current-task.schema.json", "context-snapshot.schema.json", "outbox.schema.json"];

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public void Schema_DeclaresDraft202012AndAnIdNamedForItsFile(string fileName)
    {
        using var schema = JsonDocument.Parse(SchemaDirectory.Read(fileName));

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
        Assert.Equal("https://clawclip.invalid/schemas/" + fileName, schema.RootElement.GetProperty("$id").GetString());
        Assert.False(string.IsNullOrWhiteSpace(schema.RootElement.GetProperty("title").GetString()));
    }

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public void Schema_PinsFormatVersionOne(string fileName)
    {
        using var schema = JsonDocument.Parse(SchemaDirectory.Read(fileName));

        var version = schema.RootElement.GetProperty("properties").GetProperty("schema").GetProperty("const");

        Assert.Equal(1, version.GetInt32());
    }

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public void Schema_DescribesItselfEveryPropertyAndEveryDefinition(string fileName)
    {
        using var schema = JsonDocument.Parse(SchemaDirectory.Read(fileName));

        var undescribed = Objects(schema.RootElement, "#").Where(o => !HasDescription(o.Schema)).Select(o => o.Path).ToList();

        Assert.Empty(undescribed);
    }

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public void Schema_RequiresEveryPropertyAndAllowsNoOther(string fileName)
    {
        using var schema = JsonDocument.Parse(SchemaDirectory.Read(fileName));

        // The writer writes every property, null where it does not apply; the reader refuses unknown ones.
        foreach (var (path, shape) in Objects(schema.RootElement, "#").Where(o => o.Schema.TryGetProperty("properties", out _)))
        {
            var declared = shape.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
            var required = shape.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal);
            Assert.True(declared.SequenceEqual(required), $"{path}: required and properties differ");
            Assert.True(shape.GetProperty("additionalProperties").ValueKind is JsonValueKind.False, $"{path}: not closed");
        }
    }

    private static bool HasDescription(JsonElement schema) =>
        schema.TryGetProperty("description", out var text) && !string.IsNullOrWhiteSpace(text.GetString());

    /// <summary>The root, each declared property and each definition, recursively, with where it is.</summary>
    private static IEnumerable<(string Path, JsonElement Schema)> Objects(JsonElement schema, string path)
    {
        yield return (path, schema);
        foreach (var keyword in new[] { "properties", "$defs" })
        {
            if (!schema.TryGetProperty(keyword, out var members))
            {
                continue;
            }

            foreach (var member in members.EnumerateObject())
            {
                foreach (var nested in Objects(member.Value, $"{path}/{keyword}/{member.Name}"))
                {
                    yield return nested;
                }
            }
        }
    }
}
