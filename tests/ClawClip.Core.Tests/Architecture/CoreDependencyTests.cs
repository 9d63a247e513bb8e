using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using ClawClip.Core.Tasks;

namespace ClawClip.Core.Tests.Architecture;

/// <summary>
/// ClawClip.Core is the domain: it references nothing but the base library and does no I/O. The checks
/// read Core's own metadata: the assemblies it references, and every type it names from them (its
/// TypeRef table, which holds each outside type a field, signature or method call in Core uses). They do
/// not look into the base library itself: a type of its own that does I/O behind a harmless name would
/// pass, and review has to catch that.
/// </summary>
public sealed class CoreDependencyTests
{
    private static readonly Assembly Core = typeof(TaskId).Assembly;

    [Fact]
    public void Core_ReferencesOnlyTheBaseLibrary()
    {
        var outside = Core.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => !(name is "netstandard" or "mscorlib" or "System" || name.StartsWith("System.", StringComparison.Ordinal)))
            .ToList();

        Assert.Empty(outside);
    }

    [Fact]
    public void Core_ReferencesNoAssemblyForProcessesNetworkingOrFiles()
    {
        var io = Core.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name == "System.Diagnostics.Process"
                || name == "System.Console"
                || name.StartsWith("System.Net", StringComparison.Ordinal)
                || name.StartsWith("System.IO.", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(io);
    }

    [Fact]
    public void Core_UsesNoFileProcessConsoleOrNetworkType()
    {
        var io = ReferencedTypeNames().Where(IsInputOutput).ToList();

        Assert.Empty(io);
    }

    [Fact]
    public void ReferencedTypeNames_SeesTheTypesCoreDoesUse()
    {
        // Guards the check above: a reader that saw nothing would find nothing wrong.
        var names = ReferencedTypeNames();

        Assert.Contains("System.IO.InvalidDataException", names);
        Assert.Contains("System.Collections.Frozen.FrozenDictionary`2", names);
    }

    private static bool IsInputOutput(string typeName) =>
        (typeName.StartsWith("System.IO.", StringComparison.Ordinal) && !typeName.EndsWith("Exception", StringComparison.Ordinal))
        || typeName.StartsWith("System.Net.", StringComparison.Ordinal)
        || typeName.StartsWith("System.Diagnostics.Process", StringComparison.Ordinal)
        || typeName is "System.Console" or "System.Environment";

    private static HashSet<string> ReferencedTypeNames()
    {
        using var stream = File.OpenRead(Core.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.TypeReferences.Select(handle => FullName(metadata, handle)).ToHashSet(StringComparer.Ordinal);
    }

    private static string FullName(MetadataReader metadata, TypeReferenceHandle handle)
    {
        var type = metadata.GetTypeReference(handle);
        var name = metadata.GetString(type.Name);
        if (type.ResolutionScope.Kind is HandleKind.TypeReference)
        {
            return FullName(metadata, (TypeReferenceHandle)type.ResolutionScope) + "+" + name;
        }

        var ns = metadata.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }
}
