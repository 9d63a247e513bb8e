using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ClawClip.Agents;

/// <summary>
/// Reads a YAML file into its node tree, keeping every node's line, and turns what YamlDotNet reports into
/// problems a person can fix. Shared by the agent files and <c>clawclip.yaml</c>.
/// </summary>
internal static class YamlDocument
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text of an existing file, refused when it is bigger than <paramref name="maxBytes"/> or not UTF-8.</summary>
    /// <param name="source">The file.</param>
    /// <param name="maxBytes">The most the file may hold.</param>
    /// <param name="tooBig">What follows "over the N KB" in the message: who sets the limit and how to get under it.</param>
    public static string ReadText(YamlSource source, int maxBytes, string tooBig)
    {
        var length = new FileInfo(source.File).Length;
        if (length > maxBytes)
        {
            throw source.Fail($"the file is {length:N0} bytes, over the {maxBytes / 1024} KB {tooBig}");
        }

        try
        {
            return File.ReadAllText(source.File, StrictUtf8);
        }
        catch (DecoderFallbackException)
        {
            throw source.Fail("the file is not UTF-8 text; save it as UTF-8");
        }
    }

    /// <summary>
    /// The text of a file given as bytes (as committed on a branch, read with git), refused when it is bigger than
    /// <paramref name="maxBytes"/> or not UTF-8; a UTF-8 byte order mark is dropped, as when the file is read from disk.
    /// </summary>
    /// <param name="source">The file, as its messages name it.</param>
    /// <param name="content">Its bytes.</param>
    /// <param name="maxBytes">The most the file may hold.</param>
    /// <param name="tooBig">What follows "over the N KB" in the message.</param>
    public static string Decode(YamlSource source, ReadOnlySpan<byte> content, int maxBytes, string tooBig)
    {
        if (content.Length > maxBytes)
        {
            throw source.Fail($"the file is {content.Length:N0} bytes, over the {maxBytes / 1024} KB {tooBig}");
        }

        try
        {
            ReadOnlySpan<byte> byteOrderMark = [0xEF, 0xBB, 0xBF];
            return StrictUtf8.GetString(content.StartsWith(byteOrderMark) ? content[byteOrderMark.Length..] : content);
        }
        catch (DecoderFallbackException)
        {
            throw source.Fail("the file is not UTF-8 text; save it as UTF-8");
        }
    }

    /// <summary>The mapping at the top of <paramref name="text"/>, or null when the file holds nothing (or only comments).</summary>
    /// <param name="source">The file, for messages.</param>
    /// <param name="text">Its text.</param>
    /// <param name="oneDocument">Why a second document is refused and what to do with it (<c>an agent file holds one mapping, so …</c>).</param>
    /// <param name="mappingExample">A few keys of the file, shown when the top is not a mapping (<c>name: dev-1, role: dev, …</c>).</param>
    public static YamlMappingNode? RootMapping(YamlSource source, string text, string oneDocument, string mappingExample)
    {
        RefuseTabIndentation(source, text);
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw source.Fail(e.Start, Describe(e, text));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16.3 throws this, with no position, for a flow collection left open before another
            // line ("skills: [a, b" then "env: []"); where the parser stopped is the nearest line there is.
            var stopped = parser.Current?.Start ?? Mark.Empty;
            throw source.Fail(stopped, "not valid YAML: reading stopped here, most likely at an unclosed '[', '{' or quote; check the brackets and quoting from this line on");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" or "~" or "null" })
        {
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            throw source.Fail(stream.Documents[1].RootNode, $"a second YAML document; {oneDocument}");
        }

        var root = stream.Documents[0].RootNode;
        return root as YamlMappingNode
            ?? throw source.Fail(root, $"the file must be a mapping of keys to values ({mappingExample}), not {(root is YamlSequenceNode ? "a list" : "a single value")}");
    }

    private static void RefuseTabIndentation(YamlSource source, string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (var c in lines[i])
            {
                if (c == '\t')
                {
                    throw source.Fail(i + 1, "a tab in the indentation; YAML indents with spaces only, so replace the tab with spaces");
                }

                if (c != ' ')
                {
                    break;
                }
            }
        }
    }

    private static string Describe(YamlException e, string text)
    {
        // The parser says only "Duplicate key"; the key itself is at the mark it gives.
        if (e.Message.Contains("Duplicate key", StringComparison.Ordinal))
        {
            var rest = text[checked((int)e.Start.Index)..];
            var key = rest[..Math.Max(0, rest.IndexOfAny([':', '\n']))].Trim();
            return $"duplicate key '{key}'; a key may appear once, so keep the value you mean and delete the other";
        }

        return $"not valid YAML: {e.Message.TrimEnd('.')}; check the indentation, quoting and brackets on this line and the one before";
    }
}
