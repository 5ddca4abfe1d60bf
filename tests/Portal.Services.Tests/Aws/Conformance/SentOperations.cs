using System.Text.RegularExpressions;
using Lakeport.Services.Aws;

namespace Lakeport.Services.Tests.Aws.Conformance;

/// <summary>
/// The operations Lakeport's Aws capabilities send, read from the source so that a new call is covered by the
/// conformance test or fails it: every string literal naming an operation of a service whose client the file takes.
/// </summary>
public static partial class SentOperations
{
    private static readonly (string Client, AwsService Service)[] Clients =
        [("GlueClient", AwsService.Glue), ("AthenaClient", AwsService.Athena), ("LogsClient", AwsService.Logs), ("CloudWatchClient", AwsService.CloudWatch)];

    /// <summary>The src/Portal.Services folder of the checkout these tests were built from.</summary>
    public static string ServicesSource()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var source = Path.Combine(folder.FullName, "src", "Portal.Services");
            if (Directory.Exists(source))
            {
                return source;
            }
        }

        throw new DirectoryNotFoundException($"No src/Portal.Services above {AppContext.BaseDirectory}: the conformance test reads the source it covers.");
    }

    /// <param name="operations">Each service's operation names in its official model.</param>
    public static IReadOnlyDictionary<AwsService, SortedSet<string>> Find(IReadOnlyDictionary<AwsService, IReadOnlySet<string>> operations)
    {
        var found = Clients.ToDictionary(c => c.Service, _ => new SortedSet<string>(StringComparer.Ordinal));
        foreach (var file in CapabilityFiles())
        {
            var literals = Literal().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            foreach (var service in ServicesOf(file))
            {
                found[service].UnionWith(literals.Where(operations[service].Contains));
            }
        }

        return found;
    }

    /// <summary>Each <c>SendAsync&lt;TRequest, TResponse&gt;("Operation"</c> (or a helper of the same form) with its wire types' simple names.</summary>
    /// <summary>Each call with the services whose client its file takes (the operation belongs to one of them).</summary>
    public static IReadOnlyList<(string Operation, string Request, string Response, string File, IReadOnlyList<AwsService> Services)> TypedCalls() =>
        [.. CapabilityFiles().SelectMany(file =>
        {
            var services = ServicesOf(file);
            return TypedCall().Matches(File.ReadAllText(file)).Select(m => (m.Groups["op"].Value, m.Groups["req"].Value, m.Groups["res"].Value, Path.GetFileName(file), services));
        })];

    /// <summary>
    /// The services whose client the file's class takes: a partial class (GlueCatalog.Tables.cs) takes them in its
    /// primary file (GlueCatalog.cs), so every file of the class beside it counts.
    /// </summary>
    private static IReadOnlyList<AwsService> ServicesOf(string file)
    {
        var type = Path.GetFileName(file).Split('.')[0];
        var texts = Directory.EnumerateFiles(Path.GetDirectoryName(file)!, "*.cs")
            .Where(f => Path.GetFileName(f).Split('.')[0] == type)
            .Select(File.ReadAllText)
            .ToList();
        return [.. Clients.Where(c => texts.Any(t => Regex.IsMatch(t, $@"\b{c.Client}\b"))).Select(c => c.Service)];
    }

    /// <summary>The capability implementations (the feature folders' Aws code), not the client itself or the wire types.</summary>
    private static IEnumerable<string> CapabilityFiles() =>
        Directory.EnumerateFiles(ServicesSource(), "*.cs", SearchOption.AllDirectories)
            .Where(f => f.Split(Path.DirectorySeparatorChar).Contains("Aws"))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Aws{Path.DirectorySeparatorChar}Client{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    [GeneratedRegex("\"([A-Z][A-Za-z]+)\"")]
    private static partial Regex Literal();

    [GeneratedRegex(@"Async<(?<req>\w+),\s*(?<res>\w+)>\(\s*""(?<op>[A-Z]\w+)""")]
    private static partial Regex TypedCall();
}
