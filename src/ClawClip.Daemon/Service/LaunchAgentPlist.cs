using System.Text;
using System.Xml;

namespace ClawClip.Daemon.Service;

/// <summary>
/// The LaunchAgent property list that keeps <c>clawclip daemon</c> running in the user's login session
/// (<c>gui/UID</c>, where the login keychain is open). Written with an XML writer, so every path and value is
/// escaped as XML requires.
/// </summary>
internal static class LaunchAgentPlist
{
    /// <summary>The comment that marks a file as written by clawclip, so it may be replaced or removed.</summary>
    public const string Marker = "Written by clawclip service install; clawclip service uninstall removes it.";

    public static string Build(ServiceDefinition service, string label)
    {
        var settings = new XmlWriterSettings
        {
            Indent = true,
            IndentChars = "\t",
            NewLineChars = "\n",

            // A carriage return in a value is written as &#xD;, since a parser would turn a raw one into \n.
            NewLineHandling = NewLineHandling.Entitize,
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartDocument();
            xml.WriteDocType("plist", "-//Apple//DTD PLIST 1.0//EN", "http://www.apple.com/DTDs/PropertyList-1.0.dtd", null);
            xml.WriteComment(" " + Marker + " ");
            xml.WriteStartElement("plist");
            xml.WriteAttributeString("version", "1.0");
            xml.WriteStartElement("dict");

            String(xml, "Label", label);
            xml.WriteElementString("key", "ProgramArguments");
            xml.WriteStartElement("array");
            foreach (var argument in service.DaemonCommand)
            {
                xml.WriteElementString("string", argument);
            }

            xml.WriteEndElement();
            String(xml, "WorkingDirectory", service.WorkingDirectory);
            xml.WriteElementString("key", "EnvironmentVariables");
            xml.WriteStartElement("dict");
            foreach (var (name, value) in service.Environment.Variables)
            {
                String(xml, name, value);
            }

            xml.WriteEndElement();
            Boolean(xml, "RunAtLoad", true);

            // Restarted whatever the exit, as systemd's Restart=always; `launchctl bootout` is how it stops for good.
            Boolean(xml, "KeepAlive", true);
            Integer(xml, "ThrottleInterval", 10);
            String(xml, "ProcessType", "Background");
            Integer(xml, "ExitTimeOut", 60);
            String(xml, "StandardOutPath", service.StandardOutPath);
            String(xml, "StandardErrorPath", service.StandardErrorPath);

            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void String(XmlWriter xml, string key, string value)
    {
        xml.WriteElementString("key", key);
        xml.WriteElementString("string", value);
    }

    private static void Boolean(XmlWriter xml, string key, bool value)
    {
        xml.WriteElementString("key", key);
        xml.WriteStartElement(value ? "true" : "false");
        xml.WriteEndElement();
    }

    private static void Integer(XmlWriter xml, string key, int value)
    {
        xml.WriteElementString("key", key);
        xml.WriteElementString("integer", value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
