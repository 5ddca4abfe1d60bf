using Lakeport.Portal.Components.Pages.Mappings;
using Lakeport.Services.Catalog;
using Lakeport.Services.Mapping;

namespace Lakeport.Portal.Tests.Components.Mappings;

public sealed class MappingGridStateTests
{
    [Fact]
    public void Move_SwapsNeighbours_AndIgnoresMovesPastTheEnds()
    {
        var grid = new MappingGridState();
        grid.Replace([new("a", "int", "a", "int"), new("b", "int", "b", "int")]);

        grid.Move(0, -1);
        grid.Move(1, 1);
        Assert.Equal(["a", "b"], grid.ToRules().Select(r => r.SourcePath));
        grid.Move(1, -1);
        Assert.Equal(["b", "a"], grid.ToRules().Select(r => r.SourcePath));
    }

    [Fact]
    public void DropNullOnly_DropsAllNullColumns_ButNothingOfAnEmptyTable()
    {
        var grid = new MappingGridState();
        grid.Replace([new("a", "int", "a", "int"), new("B", "int", "b", "int")]);

        Assert.Equal(0, grid.DropNullOnly([new ColumnStatistics("a", "int", 0, 0, 0, null, null)]));
        Assert.Equal(1, grid.DropNullOnly([new ColumnStatistics("a", "int", 5, 4, 1, "1", "1"), new ColumnStatistics("b", "int", 5, 5, 0, null, null)]));
        Assert.Equal([false, true], grid.ToRules().Select(r => r.Drop));
        Assert.Equal(["a"], grid.MappedTargetNames());
    }

    [Theory]
    [InlineData("string", "int", true)]
    [InlineData("int", "bigint", false)]
    [InlineData("bigint", "int", true)]
    [InlineData("long", "bigint", false)]
    [InlineData("double", "decimal(10,2)", true)]
    [InlineData("decimal(10,2)", "decimal(12,2)", false)]
    [InlineData("decimal(10,4)", "decimal(10,2)", true)]
    [InlineData("timestamp", "date", true)]
    [InlineData("int", "string", false)]
    public void LossyCast_FlagsCastsThatCanLoseData(string source, string target, bool lossy) =>
        Assert.Equal(lossy, CastCheck.Risk(source, target) is not null);

    [Fact]
    public void Form_RoundTripsADefinition_AndChangingFormatResetsAnInvalidCompression()
    {
        var form = new MappingForm();
        var definition = MappingPageContext.OrdersClean() with { Options = new MappingOptions("cast:int", DropNullFields: true, CastFailures: CastFailurePolicy.FailRun) };
        form.Load(definition);

        var back = form.ToDefinition();
        Assert.Equal(definition.Rules, back.Rules);
        Assert.Equal(definition.Options with { ResolveChoiceSpecs = null }, back.Options);
        Assert.Equal(["year"], back.Target.PartitionKeys);
        form.SetFormat(TargetFormat.Csv);
        Assert.Equal("none", form.Compression);
    }
}
