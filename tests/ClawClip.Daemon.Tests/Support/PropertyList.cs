using System.Globalization;
using System.Text;
using System.Xml;

namespace ClawClip.Daemon.Tests.Support;

/// <summary>
/// Reads an XML property list the strict way: validated against the element declarations of Apple's
/// PropertyList-1.0.dtd (served from here, never fetched), then turned into strings, longs, bools, lists and
/// dictionaries.
/// </summary>
public static class PropertyList
{
    public const string DtdUrl = "http://www.apple.com/DTDs/PropertyList-1.0.dtd";

    private const string Dtd = """
        <!ENTITY % plistObject "(array | data | date | dict | real | integer | string | true | false )" >
        <!ELEMENT plist %plistObject;>
        <!ATTLIST plist version CDATA "1.0" >
        <!ELEMENT array (%plistObject;)*>
        <!ELEMENT dict (key, %plistObject;)*>
        <!ELEMENT key (#PCDATA)>
        <!ELEMENT string (#PCDATA)>
        <!ELEMENT data (#PCDATA)>
        <!ELEMENT date (#PCDATA)>
        <!ELEMENT true EMPTY>
        <!ELEMENT false EMPTY>
        <!ELEMENT real (#PCDATA)>
        <!ELEMENT integer (#PCDATA)>
        """;

    /// <summary>The root object (a dictionary for a LaunchAgent); throws on anything the DTD does not allow.</summary>
    public static object Parse(string xml, out string version)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Parse,
            ValidationType = ValidationType.DTD,
            XmlResolver = new LocalDtd(),
            IgnoreComments = true,
            IgnoreWhitespace = true,
        };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        var document = new XmlDocument { PreserveWhitespace = true };
        document.Load(reader);
        var root = document.DocumentElement!;
        Assert.Equal("plist", root.Name);
        Assert.Equal("plist", document.DocumentType?.Name);
        version = root.GetAttribute("version");
        var objects = root.ChildNodes.OfType<XmlElement>().ToArray();
        Assert.Single(objects);
        return Read(objects[0]);
    }

    private static object Read(XmlElement element) => element.Name switch
    {
        "string" => element.InnerText,
        "integer" => long.Parse(element.InnerText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        "true" => true,
        "false" => false,
        "array" => element.ChildNodes.OfType<XmlElement>().Select(Read).ToList(),
        "dict" => ReadDictionary(element),
        var other => throw new InvalidDataException($"<{other}> is not expected in a LaunchAgent"),
    };

    private static Dictionary<string, object> ReadDictionary(XmlElement dict)
    {
        var children = dict.ChildNodes.OfType<XmlElement>().ToArray();
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var i = 0; i < children.Length; i += 2)
        {
            Assert.True(result.TryAdd(children[i].InnerText, Read(children[i + 1])), $"the key {children[i].InnerText} appears twice");
        }

        return result;
    }

    private sealed class LocalDtd : XmlResolver
    {
        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            Assert.Equal(DtdUrl, absoluteUri.ToString());
            return new MemoryStream(Encoding.UTF8.GetBytes(Dtd));
        }
    }
}
