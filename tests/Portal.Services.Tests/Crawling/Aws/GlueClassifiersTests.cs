using System.Text.Json;
using Lakeport.Services.Common;
using Lakeport.Services.Crawling;
using Lakeport.Services.Crawling.Aws;
using Lakeport.Services.Tests.Aws;
using Lakeport.Services.Tests.Aws.Client;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Crawling.Aws;

/// <summary>
/// Glue classifiers. moto 5.2.1 implements none of Glue's classifier operations, so a scripted server answers as Glue
/// does; the tests check what Lakeport sends and what it reads back.
/// </summary>
public sealed class GlueClassifiersTests
{
    private const string StoredGrok = """
        {"Classifier":{"GrokClassifier":{"Name":"applog","Classification":"applog","GrokPattern":"%{WORD:level} %{GREEDYDATA:message}",
         "CreationTime":1764000000,"LastUpdated":1764000060,"Version":2}}}
        """;

    [Fact]
    public async Task Create_SendsTheGrokClassifier_ThenReadsItBack()
    {
        await using var server = await ScriptedAwsServer.StartAsync();
        server.Then(200, "{}").Then(200, StoredGrok);
        await using var state = await AwsBackendState.CreateAsync(server.Endpoint);

        var created = await state.Get<IClassifiers>().CreateAsync(Callers.Admin,
            new ClassifierDefinition(" applog ", Grok: new GrokClassifierSpec("applog", "%{WORD:level} %{GREEDYDATA:message}")), Callers.Token);

        Assert.IsType<GlueClassifiers>(state.Get<IClassifiers>());
        Assert.Equal(["AWSGlue.CreateClassifier", "AWSGlue.GetClassifier"], server.Requests.Select(r => r.Target));
        using var sent = JsonDocument.Parse(server.Requests[0].Body);
        var grok = sent.RootElement.GetProperty("GrokClassifier");
        Assert.Equal(("applog", "applog", "%{WORD:level} %{GREEDYDATA:message}"),
            (grok.GetProperty("Name").GetString(), grok.GetProperty("Classification").GetString(), grok.GetProperty("GrokPattern").GetString()));
        Assert.Equal(ClassifierKind.Grok, created.Definition.Kind);
        Assert.Equal((2L, DateTimeOffset.FromUnixTimeSeconds(1764000060)), (created.Version, created.LastUpdated));
    }

    [Fact]
    public async Task Update_ToAnotherKind_IsRefused_WithoutCallingUpdateClassifier()
    {
        await using var server = await ScriptedAwsServer.StartAsync();
        server.Then(200, StoredGrok);
        await using var state = await AwsBackendState.CreateAsync(server.Endpoint);

        await Assert.ThrowsAsync<InvalidInputException>(() => state.Get<IClassifiers>().UpdateAsync(Callers.Admin,
            new ClassifierDefinition("applog", Json: new JsonClassifierSpec("$[*]")), Callers.Token));

        Assert.Equal(["AWSGlue.GetClassifier"], server.Requests.Select(r => r.Target));
    }

    [Fact]
    public async Task ListAndDelete_ReadGluesClassifiers_AndMissingOneIsEntityNotFound()
    {
        await using var server = await ScriptedAwsServer.StartAsync();
        server.Then(200, """
                {"Classifiers":[{"CsvClassifier":{"Name":"semis","Delimiter":";","ContainsHeader":"PRESENT","Version":1}},
                                {"XMLClassifier":{"Name":"books","Classification":"xml","RowTag":"book","Version":1}}]}
                """)
            .Then(400, """{"__type":"EntityNotFoundException","Message":"Classifier gone not found."}""");
        await using var state = await AwsBackendState.CreateAsync(server.Endpoint);
        var classifiers = state.Get<IClassifiers>();

        var page = await classifiers.ListAsync(Callers.Viewer, new PageRequest(), Callers.Token);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => classifiers.DeleteAsync(Callers.Admin, "gone", Callers.Token));

        Assert.Equal(["books", "semis"], page.Items.Select(c => c.Definition.Name));
        Assert.Equal((";", Lakeport.Services.Crawling.Classification.Custom.CsvHeaderOption.PRESENT), (page.Items[1].Definition.Csv!.Delimiter, page.Items[1].Definition.Csv!.ContainsHeader));
    }

    [Fact]
    public async Task Viewer_CannotCreate_AndAnInvalidPatternNeverReachesGlue()
    {
        await using var server = await ScriptedAwsServer.StartAsync();
        await using var state = await AwsBackendState.CreateAsync(server.Endpoint);
        var classifiers = state.Get<IClassifiers>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => classifiers.CreateAsync(Callers.Viewer,
            new ClassifierDefinition("applog", Grok: new GrokClassifierSpec("applog", "%{WORD:level}")), Callers.Token));
        await Assert.ThrowsAsync<InvalidInputException>(() => classifiers.CreateAsync(Callers.Admin,
            new ClassifierDefinition("broken", Grok: new GrokClassifierSpec("applog", "%{NO_SUCH_PATTERN:x}")), Callers.Token));

        Assert.Empty(server.Requests);
    }
}
