using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Lakeport.Services.Security;
using Microsoft.AspNetCore.Identity;

namespace Lakeport.Bench.Query;

/// <summary>
/// Peak memory of delivering an N-row result as a CSV download, for N = 3M, 10M, 30M over the sales dataset:
/// <list type="number">
/// <item>the query runs in a child process that is the portal's service host (<c>AddPortalServices</c>, the engine
/// exactly as the portal registers it), under <c>/usr/bin/time -v</c>: its "Maximum resident set size" is the peak of
/// executing the query and streaming its CSV;</item>
/// <item>the real portal (<c>dotnet Portal.dll</c>, Release, over the same state folder) serves the download: the bench
/// signs in through the sign-in form and GETs <c>/query/results/{id}/download</c>; the portal's peak RSS (VmHWM in
/// <c>/proc/&lt;pid&gt;/status</c>, reset between sizes through <c>clear_refs</c>) is read after each download.</item>
/// </list>
/// </summary>
public sealed partial class MemoryCheck(string lake, string work, string portalDll, CancellationToken cancellationToken)
{
    public const double GoalMiB = 200;
    private const string Password = "Bench-Passw0rd!";
    private static readonly long[] Sizes = [3_000_000, 10_000_000, 30_000_000];

    public async Task<int> RunAsync()
    {
        await using var lakeport = await LakeportEngine.CreateAsync(work, lake, new Dictionary<string, string?>(), TimeSpan.FromMilliseconds(20), cancellationToken);
        var users = lakeport.Get<UserManager<PortalUser>>();
        var created = await users.CreateAsync(new PortalUser { UserName = LakeportEngine.Analyst.UserName, Role = PortalRole.Analyst }, Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        var results = new List<(long Rows, double QuerySeconds, double QueryPeakMiB, double FileMiB, double DownloadSeconds, double PortalPeakMiB, double PortalBeforeMiB)>();
        var port = FreePort();
        using var portal = StartPortal(lakeport.Root, port);
        try
        {
            var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(30) };
            await WaitHealthyAsync(client, portal);
            await SignInAsync(client);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Portal pid {portal.Id} up and signed in; RSS {Status(portal.Id, "VmRSS"):0.0} MiB, peak so far {Status(portal.Id, "VmHWM"):0.0} MiB"));
            foreach (var rows in Sizes)
            {
                var (id, querySeconds, queryPeak) = await RunChildQueryAsync(lakeport.Root, rows);
                var file = new FileInfo(Path.Combine(lakeport.Root, "lake", "lakeport-results", "query-results", id + ".csv")).Length;
                var before = ResetPeak(portal.Id);
                var stopwatch = Stopwatch.StartNew();
                var received = await DownloadAsync(client, id);
                var seconds = stopwatch.Elapsed.TotalSeconds;
                var peak = Status(portal.Id, "VmHWM");
                if (received != file)
                {
                    throw new InvalidOperationException($"Downloaded {received} bytes of a {file}-byte result.");
                }

                results.Add((rows, querySeconds, queryPeak, file / 1048576.0, seconds, peak, before));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {rows:N0} rows: query {querySeconds:0.0} s, engine host peak {queryPeak:0.0} MiB; CSV {file / 1048576.0:0} MiB downloaded in {seconds:0.0} s, portal peak {peak:0.0} MiB"));
                File.Delete(Path.Combine(lakeport.Root, "lake", "lakeport-results", "query-results", id + ".csv"));
            }
        }
        finally
        {
            portal.Kill(entireProcessTree: true);
            await portal.WaitForExitAsync(CancellationToken.None);
        }

        Console.WriteLine();
        Console.WriteLine("| rows | result CSV MiB | query s | engine host peak RSS MiB (query + CSV write) | download s | portal RSS before MiB | portal peak RSS during download MiB | goal | result |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            var worst = Math.Max(r.QueryPeakMiB, r.PortalPeakMiB);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Rows:N0} | {r.FileMiB:0} | {r.QuerySeconds:0.0} | {r.QueryPeakMiB:0.0} | {r.DownloadSeconds:0.0} | {r.PortalBeforeMiB:0.0} | {r.PortalPeakMiB:0.0} | ≤ {GoalMiB:0} MiB | {(worst <= GoalMiB ? "pass" : "FAIL")} |"));
        }

        return 0;
    }

    /// <summary>Child mode: the portal's service host over <paramref name="root"/> runs one query as the bench user; prints its id and seconds.</summary>
    public static async Task<int> ChildAsync(string root, long rows, CancellationToken cancellationToken)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new Microsoft.Extensions.Hosting.HostApplicationBuilderSettings { DisableDefaults = true });
        Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(builder.Configuration,
            new Dictionary<string, string?> { ["Portal:Local:Root"] = root });
        Lakeport.Services.PortalServicesExtensions.AddPortalServices(builder);
        using var host = builder.Build();
        var engine = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Lakeport.Services.Query.IQueryEngine>(host.Services);
        var stopwatch = Stopwatch.StartNew();
        var execution = await engine.StartAsync(LakeportEngine.Analyst,
            new Lakeport.Services.Query.QueryRequest(string.Create(CultureInfo.InvariantCulture, $"SELECT * FROM sales WHERE id < {rows}"), LakeportEngine.Database, ConfirmedLargeScan: true), cancellationToken);
        while (!execution.IsFinished)
        {
            await Task.Delay(50, cancellationToken);
            execution = await engine.GetAsync(LakeportEngine.Analyst, execution.Id, cancellationToken);
        }

        if (execution.State != Lakeport.Services.Query.QueryState.SUCCEEDED || execution.Statistics.ResultRows != rows)
        {
            await Console.Error.WriteLineAsync($"The query ended {execution.State} with {execution.Statistics.ResultRows} rows: {execution.StateChangeReason}");
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"EXECUTION {execution.Id} {stopwatch.Elapsed.TotalSeconds:0.000}"));
        return 0;
    }

    private async Task<(string Id, double Seconds, double PeakMiB)> RunChildQueryAsync(string root, long rows)
    {
        var info = new ProcessStartInfo("/usr/bin/time", ["-v", "dotnet", typeof(MemoryCheck).Assembly.Location, "--engine-child", root, rows.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var child = Process.Start(info) ?? throw new InvalidOperationException("Could not start the engine host.");
        var output = child.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = child.StandardError.ReadToEndAsync(cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        var executed = ExecutionLine().Match(await output);
        var peak = MaxRss().Match(await error);
        if (child.ExitCode != 0 || !executed.Success || !peak.Success)
        {
            throw new InvalidOperationException($"The engine host failed ({child.ExitCode}): {await output} {await error}");
        }

        return (executed.Groups[1].Value, double.Parse(executed.Groups[2].Value, CultureInfo.InvariantCulture),
            long.Parse(peak.Groups[1].Value, CultureInfo.InvariantCulture) / 1024.0);
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
    private static double ResetPeak(int pid)
    {
        File.WriteAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/clear_refs", "5\n");
        return Status(pid, "VmRSS");
    }

    /// <summary>A <c>/proc/&lt;pid&gt;/status</c> memory line in MiB.</summary>
    private static double Status(int pid, string field)
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

    [GeneratedRegex(@"EXECUTION (\S+) ([0-9.]+)")]
    private static partial Regex ExecutionLine();

    [GeneratedRegex(@"Maximum resident set size \(kbytes\): (\d+)")]
    private static partial Regex MaxRss();
}
