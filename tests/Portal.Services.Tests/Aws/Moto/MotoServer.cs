using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.Runtime;
using Lakeport.Services.Tests.Aws.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Tests.Aws.Moto;

[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}

/// <summary>
/// <c>moto_server</c> from this machine's Python on a free loopback port, for the tests of the Aws backend
/// (<c>[Collection(MotoCollection.Name)]</c>). test.sh installs <c>moto[server]</c> where it is missing; a machine
/// without it fails these tests with that advice rather than skipping them.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _output = new();
    private Process? _process;

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    /// <summary>moto accepts any credentials; the account is its default 123456789012.</summary>
    public static BasicAWSCredentials Credentials { get; } = new("testing", "testing");

    /// <summary>The Aws clients as the portal registers them, pointed at this server.</summary>
    public ServiceProvider CreateClients(IDictionary<string, string?>? settings = null) => AwsTestClients.Build(Endpoint, Credentials, settings);

    public async ValueTask InitializeAsync()
    {
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("python3 is missing, so moto_server cannot run: install python3 and `pip install 'moto[server]'` (./test.sh does).", ex);
        }

        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilServingAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process?.Dispose();
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException(
                    $"moto_server exited with code {_process.ExitCode}; is `moto[server]` installed (`pip install 'moto[server]'`, ./test.sh does)? Output:\n{Output()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Endpoint, "moto-api/"), CancellationToken.None);
                return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer while it imports its backends.
            }

            await Task.Delay(200, CancellationToken.None);
        }

        throw new TimeoutException($"moto_server did not answer on {Endpoint} within {StartTimeout.TotalSeconds} s. Output:\n{Output()}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
