using Amazon.Runtime;
using Lakeport.Services.Query;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Aws;
using Lakeport.Services.Tests.Aws.Moto;
using Lakeport.Services.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Tests.Query.Aws;

/// <summary>The portal's services with <c>Portal:Backend=Aws</c> pointed at an endpoint (moto or a scripted server), over a fresh SQLite state.</summary>
public static class AthenaTestHost
{
    public const string OutputLocation = "s3://lakeport-results/athena/";

    public static Task<TestState> CreateAsync(Uri endpoint, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        // One attempt: the scripted tests count the requests sent.
        var settings = new Dictionary<string, string?> { ["Portal:Aws:Athena:OutputLocation"] = OutputLocation, ["Portal:Aws:Retry:MaxAttempts"] = "1" };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return AwsBackendState.CreateAsync(endpoint, settings);
    }

    /// <summary>Queues one result in moto: the next StartQueryExecution takes it.</summary>
    public static async Task SeedResultAsync(Uri moto, IEnumerable<IReadOnlyList<string?>> rows, params (string Name, string Type)[] columns)
    {
        using var http = new HttpClient();
        var body = new
        {
            results = new[]
            {
                new
                {
                    rows = rows.Select(r => new { Data = r.Select(v => v is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["VarCharValue"] = v }).ToList() }).ToList(),
                    column_info = columns.Select(c => new { Name = c.Name, Label = c.Name, Type = c.Type, Precision = 0, Scale = 0, Nullable = "UNKNOWN", CaseSensitive = false }).ToList(),
                },
            },
        };
        using var response = await http.PostAsync(new Uri(moto, "moto-api/static/athena/query-results"), Json(body), Callers.Token);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>A JSON body with a Content-Length: moto's API reads no chunked bodies.</summary>
    public static StringContent Json(object body) => new(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    /// <summary>Polls (bounded) until the execution has finished.</summary>
    public static async Task<QueryExecution> WaitFinishedAsync(IQueryEngine engine, Caller caller, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var execution = await engine.GetAsync(caller, id, Callers.Token);
            if (execution.IsFinished)
            {
                return execution;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Execution {id} is still {execution.State} after 30 s.");
            await Task.Delay(50, Callers.Token);
        }
    }
}
