using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;

namespace Lakeport.Services.Tests.Aws;

/// <summary>The official AWS API models that ship with botocore (installed with the AWS CLI; ./test.sh sees to it).</summary>
public static class BotocoreModels
{
    public static async Task<JsonDocument> LoadAsync(string service)
    {
        var data = Path.Combine(await BotocoreFolderAsync(), "data", service);
        Assert.True(Directory.Exists(data), $"botocore has no model folder {data}.");
        var latest = Directory.GetDirectories(data).Order(StringComparer.Ordinal).Last();
        var file = Path.Combine(latest, "service-2.json.gz");
        await using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        return await JsonDocument.ParseAsync(gzip, cancellationToken: TestContext.Current.CancellationToken);
    }

    private static async Task<string> BotocoreFolderAsync()
    {
        var start = new ProcessStartInfo("python3", ["-c", "import botocore, os; print(os.path.dirname(botocore.__file__))"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"botocore is not importable: {await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken)}");
        return output.Trim();
    }
}
