using Lakeport.Services.Common;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Security;

public sealed class AuditLogTests
{
    [Fact]
    public async Task Query_IsNewestFirst_PagedWithTotal_AndSearchesActorActionAndTarget()
    {
        await using var state = await TestState.CreateAsync();
        var audit = state.Get<IAuditLog>();
        for (var i = 0; i < 7; i++)
        {
            await audit.RecordAsync(new AuditEntry($"user{i}", "SignIn", $"user{i}", AuditOutcome.Succeeded), Callers.Token);
        }

        await audit.RecordAsync(new AuditEntry("adam", "User.Create", "50%_off", AuditOutcome.Succeeded), Callers.Token);

        var page = await audit.QueryAsync(Callers.Admin, new AuditQuery(null, Offset: 2, Limit: 3), Callers.Token);
        var search = await audit.QueryAsync(Callers.Admin, new AuditQuery("user3"), Callers.Token);
        var literal = await audit.QueryAsync(Callers.Admin, new AuditQuery("%_"), Callers.Token);

        Assert.Equal(8, page.TotalCount);
        Assert.Equal(["user5", "user4", "user3"], page.Items.Select(e => e.Actor));
        Assert.Equal("user3", Assert.Single(search.Items).Actor);
        Assert.Equal("50%_off", Assert.Single(literal.Items).Target);
    }

    [Fact]
    public async Task OnlyAdmins_ReadTheAuditLog()
    {
        await using var state = await TestState.CreateAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => state.Get<IAuditLog>().QueryAsync(Callers.Analyst, new AuditQuery(), Callers.Token));
    }
}
