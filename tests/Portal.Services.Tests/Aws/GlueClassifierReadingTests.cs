using Lakeport.Services.Aws.Wire.Glue;
using Lakeport.Services.Crawling;
using Lakeport.Services.Crawling.Classification.Custom;

namespace Lakeport.Services.Tests.Aws;

public sealed class GlueClassifierReadingTests
{
    public static TheoryData<ClassifierDefinition> Definitions() =>
    [
        new ClassifierDefinition("g", Grok: new GrokClassifierSpec("applog", "%{WORD:w}", "MY %{WORD}")),
        new ClassifierDefinition("x", Xml: new XmlClassifierSpec("xml", "book")),
        new ClassifierDefinition("j", Json: new JsonClassifierSpec("$[*]")),
        new ClassifierDefinition("c", Csv: new CsvClassifierSpec(";", "'", CsvHeaderOption.PRESENT, null, true, true, false, null, "LazySimpleSerDe")),
    ];

    /// <summary>Create request → the server's own mapping (the /aws endpoint's) → Glue's classifier → the model: nothing is lost either way.</summary>
    [Theory]
    [MemberData(nameof(Definitions))]
    public void Definition_ThroughCreateRequestAndGluesAnswer_IsUnchanged(ClassifierDefinition definition)
    {
        var stored = new CustomClassifier(definition.ToCreateRequest().ToDomain(), DateTimeOffset.FromUnixTimeSeconds(1), DateTimeOffset.FromUnixTimeSeconds(2), 3);

        var read = stored.ToWire().ToDomain();

        Assert.Equal(definition, read.Definition);
        Assert.Equal((3L, 2L), (read.Version, read.LastUpdated.ToUnixTimeSeconds()));
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public void UpdateRequest_CarriesExactlyTheDefinitionsKind(ClassifierDefinition definition)
    {
        var request = definition.ToUpdateRequest();

        Assert.Equal(definition.Name, request.Name());
        Assert.Equal(definition, request.ApplyTo(new ClassifierDefinition(definition.Name, Json: new JsonClassifierSpec("$.old"))));
    }
}
