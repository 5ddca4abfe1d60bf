using System.Diagnostics;
using System.Text.Json;

namespace Lakeport.Portal.Tests.AwsCli;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonDocument Json() => JsonDocument.Parse(Stdout);
}

/// <summary>
/// Runs the real AWS CLI against a Lakeport's <c>/aws</c> (or <c>/aws/s3</c>, <see cref="ForS3"/>) with a given key.
/// Profiles, config files and instance metadata are switched off so only the key under test can sign.
/// </summary>
public sealed class AwsCli(Uri portal, string accessKeyId, string secretAccessKey, string endpointPath = "/aws")
{
    /// <summary>The same key against the S3 endpoint, for <c>aws s3</c> and <c>aws s3api</c>.</summary>
    public AwsCli ForS3() => new(portal, accessKeyId, secretAccessKey, "/aws/s3");

    public async Task<CliResult> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("aws")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--endpoint-url");
        start.ArgumentList.Add(new Uri(portal, endpointPath).ToString());
        start.ArgumentList.Add("--output");
        start.ArgumentList.Add("json");
        start.Environment["AWS_ACCESS_KEY_ID"] = accessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = secretAccessKey;
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";
        start.Environment["AWS_PAGER"] = "";
        start.Environment.Remove("AWS_SESSION_TOKEN");
        start.Environment.Remove("AWS_PROFILE");

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The AWS CLI ('aws') did not start; ./test.sh installs it.");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
