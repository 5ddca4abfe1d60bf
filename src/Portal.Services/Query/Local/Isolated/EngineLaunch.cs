namespace Lakeport.Services.Query.Local.Isolated;

/// <summary>How to start the query engine process: the portal's own program with <see cref="EngineHost.Command"/>.</summary>
public sealed record EngineLaunch(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>
    /// The program at <paramref name="entryAssembly"/>, run the way this process was: through the <c>dotnet</c> host
    /// (<c>dotnet Portal.dll</c>, and test hosts), or as its own executable.
    /// </summary>
    public static EngineLaunch For(string entryAssembly)
    {
        var host = Environment.ProcessPath;
        // Not GetFileNameWithoutExtension: a test host named "Portal.Tests" would read as "Portal".
        var name = host is null ? null : Path.GetFileName(host) is var file && file.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? file[..^4] : Path.GetFileName(host);
        if (host is not null && string.Equals(name, Path.GetFileNameWithoutExtension(entryAssembly), StringComparison.Ordinal))
        {
            return new EngineLaunch(host, [EngineHost.Command]);
        }

        return new EngineLaunch(host is not null && name == "dotnet" ? host : "dotnet", [entryAssembly, EngineHost.Command]);
    }
}
