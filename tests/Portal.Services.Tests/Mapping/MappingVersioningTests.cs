using Lakeport.Services.Common;
using Lakeport.Services.Mapping;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Mapping;

/// <summary>Saving, versions, optimistic concurrency, roles, audit, delete and lineage of mappings on real SQLite.</summary>
public sealed class MappingVersioningTests
{
    private static readonly Caller OtherAnalyst = new("otto", PortalRole.Analyst, "test");

    [Fact]
    public async Task Save_EachSaveIsANewVersion_WithAuthorTimeAndComment_OldVersionsStayReadable()
    {
        await using var state = await MappingSamples.StateWithSourceAsync();
        var mappings = state.Get<IMappings>();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var v1 = await mappings.SaveAsync(Callers.Analyst, MappingSamples.Mapping(), null, "first", Callers.Token);
        var v2 = await mappings.SaveAsync(OtherAnalyst, MappingSamples.Mapping() with { Description = "second" }, 1, null, Callers.Token);
        var latest = await mappings.GetAsync(Callers.Viewer, "orders_curated", null, Callers.Token);
        var first = await mappings.GetAsync(Callers.Viewer, "ORDERS_CURATED", 1, Callers.Token);
        var versions = await mappings.ListVersionsAsync(Callers.Viewer, "orders_curated", new PageRequest(), Callers.Token);

        Assert.Equal((1, "anna", "first"), (v1.Version, v1.Author, v1.Comment));
        Assert.Equal((2, "otto", (string?)null), (v2.Version, v2.Author, v2.Comment));
        Assert.InRange(v2.SavedAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal((2, "second"), (latest.Version, latest.Definition.Description));
        Assert.Equal("Orders, typed and partitioned", first.Definition.Description);
        Assert.Equal(MappingSamples.Rules, first.Definition.Rules);
        Assert.Equal([2, 1], versions.Items.Select(v => v.Version));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => mappings.GetAsync(Callers.Viewer, "orders_curated", 3, Callers.Token));
    }

    [Fact]
    public async Task TwoVersions_AreDiffable_RuleByRule()
    {
        await using var state = await MappingSamples.StateWithSourceAsync();
        var mappings = state.Get<IMappings>();
        await mappings.SaveAsync(Callers.Analyst, MappingSamples.Mapping(), null, null, Callers.Token);
        var changedRules = MappingSamples.With(0, new ColumnRule("order_id", "bigint", "id", "string"));
        await mappings.SaveAsync(Callers.Analyst, MappingSamples.Mapping(rules: changedRules) with { Target = MappingSamples.Target(compression: "zstd") }, 1, null, Callers.Token);

        var diff = MappingDiff.Compare(
            (await mappings.GetAsync(Callers.Viewer, "orders_curated", 1, Callers.Token)).Definition,
            (await mappings.GetAsync(Callers.Viewer, "orders_curated", 2, Callers.Token)).Definition);

        Assert.Equal(
            [new DiffLine(DiffKind.Changed, "Target", "Compression", "snappy", "zstd"),
             new DiffLine(DiffKind.Changed, "Rule", "order_id", "order_id (bigint) → order_id (bigint)", "order_id (bigint) → id (string)")],
            diff);
    }

    [Fact]
    public async Task Save_WithoutExpectedVersion_OnAnExistingName_IsAlreadyExists_CaseInsensitively()
    {
        await using var state = await MappingSamples.StateWithSourceAsync();
        var mappings = state.Get<IMappings>();
        await mappings.SaveAsync(Callers.Analyst, MappingSamples.Mapping(), null, null, Callers.Token);

        await Assert.ThrowsAsync<AlreadyExistsException>(() => mappings.SaveAsync(Callers.Analyst, MappingSamples.Mapping("Orders_Curated"), null, null, Callers.Token));
        Assert.Equal(1, (await mappings.GetAsync(Callers.Viewer, "orders_curated", null, Callers.Token)).Version);
    }

    [Fact]
    public async Task Save_WithAStaleExpectedVersion_IsConcurrentModification_AndOnlyOneOfTwoRacingSavesWins()
    {
        await using var state = await MappingSamples.StateWithSourceAsync();
        var mappings = state.Get<IMappings>();
        await mappings.SaveAsync(Callers.Analyst, MappingSamples.Mapping(), null, null, Callers.Token);
        await mappings.SaveAsync(Callers.Analyst, MappingSamples.Mapping(), 1, null, Callers.Token);

        var stale = await Assert.ThrowsAsync<ConcurrentModificationException>(() => mappings.SaveAsync(OtherAnalyst, MappingSamples.Mapping(), 1, null, Callers.Token));
        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            try
            {
                await mappings.SaveAsync(OtherAnalyst, MappingSamples.Mapping(), 2, null, Callers.Token);
                return true;
            }
            catch (ConcurrentModificationException)
            {
                return false;
            }
        }));

        Assert.Contains("version 2, not 1", stale.Message, StringComparison.Ordinal);
        Assert.Equal(1, racing.Count(won => won));
        Assert.Equal(3, (await mappings.GetAsync(Callers.Viewer, "orders_curated", null, Callers.Token)).Version);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => mappings.SaveAsync(Callers.Analyst, MappingSamples.Mapping("never_saved"), 1, null, Callers.Token));
    }

    [Fact]
    public async Task Viewers_ReadAndValidate_ButCannotSaveOrDelete()
    {
        await using var state = await MappingSamples.StateWithSourceAsync();
        var mappings = state.Get<IMappings>();
        await mappings.SaveAsync(Callers.Analyst, MappingSamples.Mapping(), null, null, Callers.Token);

        await Assert.ThrowsAsync<AccessDeniedException>(() => mappings.SaveAsync(Callers.Viewer, MappingSamples.Mapping("mine"), null, null, Callers.Token));
        await Assert.ThrowsAsync<AccessDeniedException>(() => mappings.DeleteAsync(Callers.Viewer, "orders_curated", Callers.Token));
        Assert.Empty(await mappings.ValidateAsync(Callers.Viewer, MappingSamples.Mapping(), Callers.Token));
        Assert.Single((await mappings.ListAsync(Callers.Viewer, null, new PageRequest(), Callers.Token)).Items);
    }

    [Fact]
    public async Task SaveAndDelete_AreAudited_WithTheVersion()
    {
        await using var state = await MappingSamples.StateWithSourceAsync();
        var mappings = state.Get<IMappings>();
        await mappings.SaveAsync(Callers.Analyst, MappingSamples.Mapping(), null, null, Callers.Token);
        await mappings.SaveAsync(Callers.Admin, MappingSamples.Mapping(), 1, null, Callers.Token);
        await mappings.DeleteAsync(Callers.Admin, "orders_curated", Callers.Token);

        var entries = (await state.Get<IAuditLog>().QueryAsync(Callers.Admin, new AuditQuery("Mapping."), Callers.Token)).Items;

        Assert.Equal(
            [("adam", "Mapping.Delete", null), ("adam", "Mapping.Save", "version 2"), ("anna", "Mapping.Save", "version 1")],
            entries.Select(e => (e.Actor, e.Action, e.Detail)));
        Assert.All(entries, e => Assert.Equal("orders_curated", e.Target));
    }

    [Fact]
    public async Task Delete_HidesTheMapping_KeepsPinnedVersionsReadable_AndASaveUnderTheNameContinuesTheNumbers()
    {
        await using var state = await MappingSamples.StateWithSourceAsync();
        var mappings = state.Get<IMappings>();
        await mappings.SaveAsync(Callers.Analyst, MappingSamples.Mapping(), null, null, Callers.Token);

        await mappings.DeleteAsync(Callers.Analyst, "orders_curated", Callers.Token);

        await Assert.ThrowsAsync<EntityNotFoundException>(() => mappings.GetAsync(Callers.Viewer, "orders_curated", null, Callers.Token));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => mappings.DeleteAsync(Callers.Analyst, "orders_curated", Callers.Token));
        Assert.Empty((await mappings.ListAsync(Callers.Viewer, null, new PageRequest(), Callers.Token)).Items);
        Assert.Empty(await mappings.UsagesOfSourceAsync(Callers.Viewer, "sales", "orders", Callers.Token));
        Assert.Equal(1, (await mappings.GetAsync(Callers.Viewer, "orders_curated", 1, Callers.Token)).Version);
        var again = await mappings.SaveAsync(Callers.Analyst, MappingSamples.Mapping(), null, null, Callers.Token);
        Assert.Equal(2, again.Version);
    }

    [Fact]
    public async Task List_PagesByName_AndFiltersByNameSourceOrTarget()
    {
        await using var state = await MappingSamples.StateWithSourceAsync();
        var mappings = state.Get<IMappings>();
        foreach (var name in new[] { "c_map", "a_map", "b_map" })
        {
            await mappings.SaveAsync(Callers.Analyst, MappingSamples.Mapping(name, target: MappingSamples.Target(table: name + "_out", location: $"s3://lake/curated/{name}/")), null, null, Callers.Token);
        }

        var first = await mappings.ListAsync(Callers.Viewer, null, new PageRequest(MaxResults: 2), Callers.Token);
        var second = await mappings.ListAsync(Callers.Viewer, null, new PageRequest(first.NextToken, 2), Callers.Token);
        var byTarget = await mappings.ListAsync(Callers.Viewer, "curated.b_map", new PageRequest(), Callers.Token);
        var bySource = await mappings.ListAsync(Callers.Viewer, "sales.orders", new PageRequest(), Callers.Token);
        var likeIsLiteral = await mappings.ListAsync(Callers.Viewer, "%", new PageRequest(), Callers.Token);

        Assert.Equal(["a_map", "b_map"], first.Items.Select(m => m.Name));
        Assert.Equal(["c_map"], second.Items.Select(m => m.Name));
        Assert.Null(second.NextToken);
        Assert.Equal(["b_map"], byTarget.Items.Select(m => m.Name));
        Assert.Equal(3, bySource.Items.Count);
        Assert.Empty(likeIsLiteral.Items);
        Assert.Equal(("sales", "orders", "curated", "a_map_out", "anna", 1), (first.Items[0].SourceDatabase, first.Items[0].SourceTable,
            first.Items[0].TargetDatabase, first.Items[0].TargetTable, first.Items[0].UpdatedBy, first.Items[0].LatestVersion));
    }

    [Fact]
    public async Task UsagesOfSource_ListsTheMappedColumnsOfTheLatestVersionOfEachMappingReadingTheTable()
    {
        await using var state = await MappingSamples.StateWithSourceAsync();
        var mappings = state.Get<IMappings>();
        await mappings.SaveAsync(Callers.Analyst, MappingSamples.Mapping("one"), null, null, Callers.Token);
        await mappings.SaveAsync(Callers.Analyst, MappingSamples.Mapping("one", MappingSamples.With(0, new ColumnRule("order_id", "bigint", "id", "bigint"))), 1, null, Callers.Token);
        await mappings.SaveAsync(Callers.Analyst, MappingSamples.Mapping("two", target: MappingSamples.Target(table: "two", location: "s3://lake/curated/two/")), null, null, Callers.Token);

        var usages = await mappings.UsagesOfSourceAsync(Callers.Viewer, "SALES", "orders", Callers.Token);

        var mapped = MappingSamples.Rules.Count(r => !r.Drop);
        Assert.Equal(2 * mapped, usages.Count);
        Assert.Contains(new ColumnLineage("one", 2, "sales", "orders", "order_id", "curated", "orders", "id", "bigint"), usages);
        Assert.Contains(new ColumnLineage("two", 1, "sales", "orders", "`unit.price`", "curated", "two", "unit_price", "double"), usages);
        Assert.DoesNotContain(usages, u => u.SourcePath == "note");
        Assert.Empty(await mappings.UsagesOfSourceAsync(Callers.Viewer, "sales", "customers", Callers.Token));
    }
}
