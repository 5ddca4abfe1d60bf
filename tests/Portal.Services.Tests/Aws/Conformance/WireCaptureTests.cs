using Amazon.Runtime;
using Amazon.S3;
using Lakeport.Services.Aws;
using Lakeport.Services.Tests.Aws.Moto;
using Lakeport.Services.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lakeport.Services.Tests.Aws.Conformance;

/// <summary>
/// The dynamic half of the conformance proof (WireConformanceTests is the static half): the Aws-mode services drive a
/// flow through every capability against moto, every exchange is recorded on the wire, and every request must be
/// valid for its operation's input shape in botocore's model (every answer for the members it has). The operations
/// moto 5.2.1 lacks are answered by <see cref="MotoGapServer"/> with minimal replies valid for their output shapes.
/// The set of operations seen must cover every operation the source sends, so a new call without coverage fails here.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed partial class WireCaptureTests(MotoServer moto)
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..10];

    private string Db => $"wire_{_id}";

    private string Bucket => $"lakeport-wire-{_id}";

    private string JobName => $"wire-job-{_id}";

    private string CrawlerName => $"wire-crawler-{_id}";

    private string ClassifierName => $"wire_grok_{_id}";

    private string TriggerName => $"wire-nightly-{_id}";

    private const string StoppedRunId = "jr_wire_stopped";

    [Fact]
    public async Task EveryRequestOfARepresentativeFlow_ConformsToTheOfficialModels_AndCoversEveryOperationTheSourceSends()
    {
        var models = await WireModel.LoadAllAsync();
        var recorder = new WireRecorder();
        await using var gap = await MotoGapServer.StartAsync(moto.Endpoint, ScriptedReplies());
        await using (var state = await CreateStateAsync(gap.Endpoint, recorder))
        {
            await state.Get<IAmazonS3>().PutBucketAsync(Bucket, Callers.Token);
            await CatalogFlowAsync(state);
            await CrawlingFlowAsync(state);
            await JobFlowAsync(state);
            await TriggerFlowAsync(state);
            await QueryFlowAsync(state);
            await MonitoringFlowAsync(state);
            await CleanUpAsync(state);
        }

        var exchanges = recorder.Exchanges;
        var problems = WireConformance.Problems(models, exchanges, gap.ScriptedTargets);
        Assert.True(problems.Count == 0, $"{problems.Count} nonconformances with the official models:\n{string.Join('\n', problems.Distinct())}");

        var sent = SentOperations.Find(models.ToDictionary(m => m.Key, m => m.Value.Operations));
        foreach (var service in AwsService.All)
        {
            var seen = exchanges.Where(e => e.Service == service).Select(e => e.Operation).ToHashSet(StringComparer.Ordinal);
            Assert.NotEmpty(sent[service]);
            var uncovered = sent[service].Where(o => !seen.Contains(o)).ToList();
            Assert.True(uncovered.Count == 0, $"{service.Name} operations the source sends but this flow never did: {string.Join(", ", uncovered)}.");
        }
    }

    [Fact]
    public async Task EveryTypedCall_SendsItsOperationsInputShape_AndReadsItsOutputShape()
    {
        var models = await WireModel.LoadAllAsync();
        var calls = SentOperations.TypedCalls();
        var wireTypes = typeof(Lakeport.Services.Aws.Wire.AwsShapeAttribute).Assembly.GetTypes()
            .Select(t => (Type: t, Shape: System.Reflection.CustomAttributeExtensions.GetCustomAttribute<Lakeport.Services.Aws.Wire.AwsShapeAttribute>(t)))
            .Where(t => t.Shape is not null)
            .ToDictionary(t => t.Type.Name, t => t.Shape!, StringComparer.Ordinal);

        Assert.NotEmpty(calls);
        var problems = new List<string>();
        foreach (var (operation, request, response, file, services) in calls)
        {
            var candidates = services.Select(s => models[s]).Where(m => m.Operations.Contains(operation)).ToList();
            if (candidates.Count != 1)
            {
                problems.Add($"{file}: {operation} is an operation of {candidates.Count} of the models of the clients it takes ({string.Join(", ", services.Select(s => s.Name))}).");
                continue;
            }

            var model = candidates[0];
            Expect(file, operation, "request", request, model.InputShape(operation), WireModel.Folder(model.Service));
            Expect(file, operation, "response", response, model.OutputShape(operation), WireModel.Folder(model.Service));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));

        void Expect(string file, string operation, string direction, string typeName, string? shape, string folder)
        {
            if (typeName == "object" && direction == "response")
            {
                // The answer is not read.
                return;
            }

            if (!wireTypes.TryGetValue(typeName, out var declared))
            {
                problems.Add($"{file}: {operation}'s {direction} type {typeName} is not an [AwsShape] wire type.");
            }
            else if ((declared.Service, declared.Shape) != (folder, shape))
            {
                problems.Add($"{file}: {operation}'s {direction} is {folder}:{shape ?? "(none)"}, but {typeName} is {declared.Service}:{declared.Shape}.");
            }
        }
    }

    private Task<TestState> CreateStateAsync(Uri gap, WireRecorder recorder) => TestState.CreateAsync(
        AwsBackendState.Settings(moto.Endpoint, new Dictionary<string, string?>
        {
            // Glue and Athena through the gap server (moto behind it); Logs, CloudWatch and S3 straight to moto.
            ["Portal:Aws:ServiceUrls:Glue"] = gap.ToString(),
            ["Portal:Aws:ServiceUrls:Athena"] = gap.ToString(),
            ["Portal:Aws:Athena:OutputLocation"] = $"s3://{Bucket}/athena/",
            ["Portal:Aws:ScriptsLocation"] = $"s3://{Bucket}/jobs/",
        }),
        services: s =>
        {
            s.AddSingleton<AWSCredentials>(MotoServer.Credentials);
            s.AddWireRecorder(recorder);
        });
}
