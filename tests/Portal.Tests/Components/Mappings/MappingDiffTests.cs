using Lakeport.Services.Mapping;

namespace Lakeport.Portal.Tests.Components.Mappings;

public sealed class MappingDiffTests
{
    private static readonly MappingDefinition Base = MappingPageContext.OrdersClean();

    [Fact]
    public void Compare_SameDefinition_HasNoLines() =>
        Assert.Empty(MappingDiff.Compare(Base, Base with { Rules = [.. Base.Rules], Target = Base.Target with { PartitionKeys = ["year"] } }));

    [Fact]
    public void Compare_RulesAddedRemovedChanged_AreMatchedBySourcePath()
    {
        var after = Base with { Rules = [new("order_id", "bigint", "id", "string"), new("year", "string", "year", "string"), new("note", "string", "note", "string")] };

        var lines = MappingDiff.Compare(Base, after);

        Assert.Equal(
            [
                new DiffLine(DiffKind.Changed, "Rule", "order_id", "order_id (bigint) → order_id (bigint)", "order_id (bigint) → id (string)"),
                new DiffLine(DiffKind.Added, "Rule", "note", null, "note (string) → note (string)"),
                new DiffLine(DiffKind.Removed, "Rule", "amount", "amount (double) → amount (double)", null),
            ],
            lines);
    }

    [Fact]
    public void Compare_ADroppedRule_IsAChange()
    {
        var after = Base with { Rules = [Base.Rules[0], Base.Rules[1] with { Drop = true }, Base.Rules[2]] };

        var line = Assert.Single(MappingDiff.Compare(Base, after));

        Assert.Equal("amount (double) dropped", line.After);
    }

    [Fact]
    public void Compare_ASourceMappedTwice_MatchesTheNthRuleWithTheNth()
    {
        var before = Base with { Rules = [new("a", "int", "x", "int"), new("a", "int", "y", "int")] };
        var after = Base with { Rules = [new("a", "int", "x", "int"), new("a", "int", "z", "int")] };

        var line = Assert.Single(MappingDiff.Compare(before, after));

        Assert.Equal((DiffKind.Changed, "a (int) → y (int)", "a (int) → z (int)"), (line.Kind, line.Before, line.After));
    }

    [Fact]
    public void Compare_TargetOptionsAndOrder_AreReported()
    {
        var after = Base with
        {
            Target = Base.Target with { Location = "s3://lake/new/", Format = TargetFormat.Csv, Compression = "gzip", PartitionKeys = [] },
            Options = new MappingOptions("make_cols", DropNullFields: true),
            Rules = [Base.Rules[1], Base.Rules[0], Base.Rules[2]],
        };

        var lines = MappingDiff.Compare(Base, after).Select(l => (l.Kind, l.Item, l.Before, l.After)).ToList();

        Assert.Equal(
            [
                (DiffKind.Changed, "Location", "s3://lake/curated/orders_clean/", "s3://lake/new/"),
                (DiffKind.Changed, "Format", "Parquet", "Csv"),
                (DiffKind.Changed, "Compression", "snappy", "gzip"),
                (DiffKind.Removed, "Partition keys", "year", null),
                (DiffKind.Added, "ResolveChoice", null, "make_cols"),
                (DiffKind.Changed, "DropNullFields", "False", "True"),
                (DiffKind.Changed, "Order", "order_id, amount, year", "amount, order_id, year"),
            ],
            lines);
    }
}
