namespace Lakeport.Portal.Tests.Infrastructure;

/// <summary>
/// Writes the cause of a test host's failed shutdown where test.sh prints it (LAKEPORT_TEST_DIAGNOSTICS), and to stderr.
/// </summary>
public static class ShutdownDiagnostics
{
    public static async Task RecordAsync(string host, Exception ex)
    {
        var text = $"{DateTimeOffset.UtcNow:O} {host} shutdown failed: {ex}{Environment.NewLine}";
        await Console.Error.WriteLineAsync(text);
        if (Environment.GetEnvironmentVariable("LAKEPORT_TEST_DIAGNOSTICS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await File.AppendAllTextAsync(Path.Combine(folder, "shutdown.log"), text);
        }
    }
}
