using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

// Copies the embedded resource "_framework/blazor.web.js" out of Microsoft.AspNetCore.Components.Endpoints.dll
// without loading that assembly (it targets another runtime version), by reading the CLI resource directory.
const string ResourceName = "_framework/blazor.web.js";

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: BlazorScriptExtractor <output file>");
    return 2;
}

var assemblyPath = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
    .Single(a => a.Key == "EndpointsAssembly").Value!;
if (!File.Exists(assemblyPath))
{
    Console.Error.WriteLine($"error: {assemblyPath} is missing; restore this project first.");
    return 1;
}

using var peReader = new PEReader(File.OpenRead(assemblyPath));
var metadata = peReader.GetMetadataReader();
foreach (var handle in metadata.ManifestResources)
{
    var resource = metadata.GetManifestResource(handle);
    if (!resource.Implementation.IsNil || metadata.GetString(resource.Name) != ResourceName)
    {
        continue;
    }

    var resourcesRva = peReader.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress;
    var section = peReader.GetSectionData(resourcesRva + (int)resource.Offset);
    var reader = section.GetReader();
    var length = reader.ReadInt32();
    var bytes = reader.ReadBytes(length);

    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[0]))!);
    File.WriteAllBytes(args[0], bytes);
    Console.WriteLine($"wrote {args[0]} ({bytes.Length} bytes) from {assemblyPath}");
    return 0;
}

Console.Error.WriteLine($"error: resource {ResourceName} not found in {assemblyPath}");
return 1;
