using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Identity;

namespace Lakeport.Bench.Query;

/// <summary>
/// Peak memory of the portal process (the real <c>dotnet Portal.dll</c>, Release) while it runs an N-row query and
/// serves its CSV download, for N = 3M, 10M, 30M over the sales dataset. The query is started as an Athena client
/// would, with the AWS CLI against the portal's <c>/aws</c> endpoint (StartQueryExecution, GetQueryExecution polled),
/// signed with the analyst's access key; the download is a GET of <c>/query/results/{id}/download</c> in the analyst's
/// signed-in session. The peak is VmHWM in <c>/proc/&lt;pid&gt;/status</c>, reset through <c>clear_refs</c> before each
/// size, so it covers executing, writing the result file and streaming it out, all in the one process.
/// </summary>
public sealed partial class MemoryCheck(string lake, string work, string portalDll, IReadOnlyList<long> sizes, CancellationToken cancellationToken)
{
    public const double GoalMiB = 200;
    private const string Password = "Bench-Passw0rd!";
    public static readonly IReadOnlyList<long> DefaultRows = [3_000_000, 10_000_000, 30_000_000];

    public async Task<int> RunAsync()
    {
        await using var lakeport = await LakeportEngine.CreateAsync(work, lake, new Dictionary<string, string?>(), TimeSpan.FromMilliseconds(20), cancellationToken);
        var users = lakeport.Get<UserManager<PortalUser>>();
        var created = await users.CreateAsync(new PortalUser { UserName = LakeportEngine.Analyst.UserName, Role = PortalRole.Analyst }, Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        var key = await lakeport.Get<IAccessKeyStore>().CreateAsync(Caller.System, LakeportEngine.Analyst.UserName, cancellationToken);
        var results = new List<(long Rows, double QuerySeconds, double QueryPeakMiB, double FileMiB, double DownloadSeconds, double PortalPeakMiB, double PortalBeforeMiB, double? EnginePeakMiB)>();
        var port = FreePort();
        using var portal = StartPortal(lakeport.Root, port);
        try
        {
            var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(30) };
            await WaitHealthyAsync(client, portal);
            await SignInAsync(client);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Portal pid {portal.Id} up and signed in; RSS {Status(portal.Id, "VmRSS"):0.0} MiB, peak so far {Status(portal.Id, "VmHWM"):0.0} MiB"));
            await using var breakdown = new PeakBreakdown(portal.Id);
            await Task.Delay(300, cancellationToken);
            Console.WriteLine($"  idle: {breakdown.Describe()}");
            foreach (var rows in sizes)
            {
                var before = ResetPeak(portal.Id);
                if (EngineOf(portal.Id) is { } running)
                {
                    ResetPeak(running);
                }

                breakdown.Reset();
                var (id, querySeconds) = await RunThroughAwsAsync(address, key, rows);
                var queryPeak = Status(portal.Id, "VmHWM");
                var file = new FileInfo(Path.Combine(lakeport.Root, "lake", "lakeport-results", "query-results", id + ".csv")).Length;
                var stopwatch = Stopwatch.StartNew();
                var received = await DownloadAsync(client, id);
                var seconds = stopwatch.Elapsed.TotalSeconds;
                var peak = Status(portal.Id, "VmHWM");
                double? enginePeak = EngineOf(portal.Id) is { } engine ? Status(engine, "VmHWM") : null;
                if (received != file)
                {
                    throw new InvalidOperationException($"Downloaded {received} bytes of a {file}-byte result.");
                }

                results.Add((rows, querySeconds, queryPeak, file / 1048576.0, seconds, peak, before, enginePeak));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {rows:N0} rows: query {querySeconds:0.0} s, portal peak after the query {queryPeak:0.0} MiB; CSV {file / 1048576.0:0} MiB downloaded in {seconds:0.0} s, portal peak {peak:0.0} MiB, query engine process peak {enginePeak?.ToString("0.0", CultureInfo.InvariantCulture) ?? "none (statements ran in the portal)"} MiB"));
                Console.WriteLine($"    at the peak (MiB): {breakdown.Describe()}");
                File.Delete(Path.Combine(lakeport.Root, "lake", "lakeport-results", "query-results", id + ".csv"));
            }
        }
        finally
        {
            portal.Kill(entireProcessTree: true);
            await portal.WaitForExitAsync(CancellationToken.None);
        }

        Console.WriteLine();
        Console.WriteLine("| rows | result CSV MiB | query s (via /aws) | portal peak RSS MiB after the query | download s | portal RSS before MiB | portal peak RSS MiB (query + download) | goal | result | query engine process peak RSS MiB |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var worst = Math.Max(r.QueryPeakMiB, r.PortalPeakMiB);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Rows:N0} | {r.FileMiB:0} | {r.QuerySeconds:0.0} | {r.QueryPeakMiB:0.0} | {r.DownloadSeconds:0.0} | {r.PortalBeforeMiB:0.0} | {r.PortalPeakMiB:0.0} | ≤ {GoalMiB:0} MiB | {(worst <= GoalMiB ? "pass" : "FAIL")} | {r.EnginePeakMiB?.ToString("0.0", CultureInfo.InvariantCulture) ?? "—"} |"));
        }

        return 0;
    }

    /// <summary>Starts the query with the AWS CLI against the portal's /aws and polls it to SUCCEEDED; returns its id and seconds.</summary>
    private async Task<(string Id, double Seconds)> RunThroughAwsAsync(Uri address, NewAccessKey key, long rows)
    {
        var stopwatch = Stopwatch.StartNew();
        var started = await AwsAsync(address, key, "athena", "start-query-execution", "--query-string",
            string.Create(CultureInfo.InvariantCulture, $"SELECT * FROM sales WHERE id < {rows}"), "--query-execution-context", $"Database={LakeportEngine.Database}");
        var id = JsonDocument.Parse(started).RootElement.GetProperty("QueryExecutionId").GetString()!;
        while (true)
        {
            var execution = JsonDocument.Parse(await AwsAsync(address, key, "athena", "get-query-execution", "--query-execution-id", id)).RootElement.GetProperty("QueryExecution");
            var state = execution.GetProperty("Status").GetProperty("State").GetString();
            if (state == "SUCCEEDED")
            {
                return (id, stopwatch.Elapsed.TotalSeconds);
            }

            if (state is "FAILED" or "CANCELLED")
            {
                throw new InvalidOperationException($"The query ended {state}: {execution}");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private async Task<string> AwsAsync(Uri address, NewAccessKey key, params string[] arguments)
    {
        var info = new ProcessStartInfo("aws", [.. arguments, "--endpoint-url", new Uri(address, "/aws").ToString(), "--output", "json"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        info.Environment["AWS_ACCESS_KEY_ID"] = key.AccessKeyId;
        info.Environment["AWS_SECRET_ACCESS_KEY"] = key.SecretAccessKey;
        info.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        info.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        info.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        info.Environment["AWS_PAGER"] = "";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the AWS CLI.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"aws {string.Join(' ', arguments)} failed: {await error}");
    }

    private Process StartPortal(string root, int port)
    {
        var info = new ProcessStartInfo("dotnet", [portalDll])
        {
            WorkingDirectory = Path.GetDirectoryName(portalDll)!,
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        info.Environment["Portal__Local__Root"] = root;
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the portal.");
        // Drain its output so a full pipe never blocks it.
        _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
        return process;
    }

    private async Task WaitHealthyAsync(HttpClient client, Process portal)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (portal.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with {portal.ExitCode}.");
            }

            try
            {
                if ((await client.GetAsync(new Uri("/account/login", UriKind.Relative), cancellationToken)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException("The portal did not answer within 2 minutes.");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private async Task SignInAsync(HttpClient client)
    {
        var form = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative), cancellationToken);
        var token = AntiforgeryToken().Match(form);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token.Success ? token.Groups[1].Value : throw new InvalidOperationException("The sign-in form has no antiforgery token."),
            ["Input.UserName"] = LakeportEngine.Analyst.UserName,
            ["Input.Password"] = Password,
        });
        var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("login", StringComparison.OrdinalIgnoreCase) == true)
        {
            throw new InvalidOperationException($"Signing in failed: {response.StatusCode} {response.Headers.Location}");
        }
    }

    /// <returns>The bytes received; the body is read in 64 KiB pieces and dropped.</returns>
    private async Task<long> DownloadAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync(new Uri($"/query/results/{Uri.EscapeDataString(id)}/download", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The download answered {response.StatusCode}.");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>Resets the kernel's peak-RSS counter of the process (clear_refs 5) and returns its RSS now.</summary>
    internal static double ResetPeak(int pid)
    {
        File.WriteAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/clear_refs", "5\n");
        return Status(pid, "VmRSS");
    }

    /// <summary>The portal's query engine process (its child started with <c>query-engine</c>), if it runs.</summary>
    private static int? EngineOf(int portal)
    {
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                // "pid (comm) state ppid …": comm may hold spaces, so count from its closing parenthesis.
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (parent == portal && File.ReadAllText(Path.Combine(folder, "cmdline")).Contains("query-engine", StringComparison.Ordinal))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
                // The process ended while it was read.
            }
        }

        return null;
    }

    /// <summary>A <c>/proc/&lt;pid&gt;/status</c> memory line in MiB.</summary>
    internal static double Status(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

}
