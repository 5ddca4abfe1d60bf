using Dapper;
using Lakeport.Services.Common;
using Lakeport.Services.Local.Sqlite;
using Lakeport.Services.Security;
using Lakeport.Services.Tests.Infrastructure;

namespace Lakeport.Services.Tests.Security;

public sealed class AccessKeyStoreTests
{
    [Fact]
    public async Task NewKey_HasAwsShape_AndResolvesToItsOwnerAndRole()
    {
        await using var state = await TestState.CreateAsync();
        await state.CreateUserAsync("anna", PortalRole.Analyst);
        var keys = state.Get<IAccessKeyStore>();

        var key = await keys.CreateAsync(Callers.Admin, "anna", Callers.Token);
        var credential = await keys.FindActiveAsync(key.AccessKeyId, Callers.Token);

        Assert.Matches("^LKIA[A-Z2-7]{16}$", key.AccessKeyId);
        Assert.Equal(40, key.SecretAccessKey.Length);
        Assert.Equal(("anna", PortalRole.Analyst, key.SecretAccessKey), (credential?.UserName, credential?.Role, credential?.SecretAccessKey));
    }

    [Fact]
    public async Task Secret_IsStoredEncrypted()
    {
        await using var state = await TestState.CreateAsync();
        await state.CreateUserAsync("anna", PortalRole.Analyst);
        var key = await state.Get<IAccessKeyStore>().CreateAsync(Callers.Admin, "anna", Callers.Token);

        await using var connection = await state.Get<SqliteDatabase>().OpenAsync(Callers.Token);
        var stored = await connection.ExecuteScalarAsync<string>("SELECT protected_secret FROM access_keys");

        Assert.DoesNotContain(key.SecretAccessKey, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(key.SecretAccessKey, await File.ReadAllTextAsync(Path.Combine(state.Root, "lakeport.db"), Callers.Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secret_IsReadableAfterARestart_FromTheKeyRingInTheDataFolder()
    {
        var root = TestState.NewRoot();
        try
        {
            NewAccessKey key;
            await using (var first = await TestState.CreateAsync(root: root))
            {
                await first.CreateUserAsync("anna", PortalRole.Analyst);
                key = await first.Get<IAccessKeyStore>().CreateAsync(Callers.Admin, "anna", Callers.Token);
            }

            await using var second = await TestState.CreateAsync(root: root);
            var credential = await second.Get<IAccessKeyStore>().FindActiveAsync(key.AccessKeyId, Callers.Token);

            Assert.NotEmpty(Directory.GetFiles(Path.Combine(root, "keys"), "*.xml"));
            Assert.Equal(key.SecretAccessKey, credential?.SecretAccessKey);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task RevokedKey_AndKeyOfDisabledUser_DoNotResolve()
    {
        await using var state = await TestState.CreateAsync();
        await state.CreateUserAsync("anna", PortalRole.Analyst);
        await state.CreateUserAsync("dora", PortalRole.Analyst, disabled: true);
        var keys = state.Get<IAccessKeyStore>();
        var revoked = await keys.CreateAsync(Callers.Admin, "anna", Callers.Token);
        var ofDisabled = await keys.CreateAsync(Callers.Admin, "dora", Callers.Token);

        await keys.RevokeAsync(Callers.Admin, revoked.AccessKeyId, Callers.Token);

        Assert.Null(await keys.FindActiveAsync(revoked.AccessKeyId, Callers.Token));
        Assert.Null(await keys.FindActiveAsync(ofDisabled.AccessKeyId, Callers.Token));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => keys.RevokeAsync(Callers.Admin, revoked.AccessKeyId, Callers.Token));
    }

    [Fact]
    public async Task ThirdActiveKey_IsRefused_UntilOneIsRevoked()
    {
        await using var state = await TestState.CreateAsync();
        await state.CreateUserAsync("anna", PortalRole.Analyst);
        var keys = state.Get<IAccessKeyStore>();
        var first = await keys.CreateAsync(Callers.Admin, "anna", Callers.Token);
        await keys.CreateAsync(Callers.Admin, "anna", Callers.Token);

        await Assert.ThrowsAsync<InvalidInputException>(() => keys.CreateAsync(Callers.Admin, "anna", Callers.Token));
        await keys.RevokeAsync(Callers.Admin, first.AccessKeyId, Callers.Token);
        await keys.CreateAsync(Callers.Admin, "anna", Callers.Token);

        Assert.Equal(2, (await keys.ListAsync(Callers.Admin, "anna", Callers.Token)).Count(k => k.IsActive));
    }

    [Fact]
    public async Task NonAdmins_MayNotManageKeys()
    {
        await using var state = await TestState.CreateAsync();
        await state.CreateUserAsync("anna", PortalRole.Analyst);
        var keys = state.Get<IAccessKeyStore>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => keys.CreateAsync(Callers.Analyst, "anna", Callers.Token));
        await Assert.ThrowsAsync<AccessDeniedException>(() => keys.ListAsync(Callers.Analyst, null, Callers.Token));
        await Assert.ThrowsAsync<AccessDeniedException>(() => keys.RevokeAsync(Callers.Viewer, "LKIAANY", Callers.Token));
    }

    [Fact]
    public async Task KeyForUnknownUser_IsEntityNotFound()
    {
        await using var state = await TestState.CreateAsync();

        await Assert.ThrowsAsync<EntityNotFoundException>(() => state.Get<IAccessKeyStore>().CreateAsync(Callers.Admin, "ghost", Callers.Token));
    }

    [Fact]
    public async Task KeyChanges_AreAudited()
    {
        await using var state = await TestState.CreateAsync();
        await state.CreateUserAsync("anna", PortalRole.Analyst);
        var key = await state.Get<IAccessKeyStore>().CreateAsync(Callers.Admin, "anna", Callers.Token);
        await state.Get<IAccessKeyStore>().RevokeAsync(Callers.Admin, key.AccessKeyId, Callers.Token);

        var actions = (await state.Get<IAuditLog>().QueryAsync(Callers.Admin, new AuditQuery("AccessKey"), Callers.Token)).Items.Select(e => e.Action);

        Assert.Equal(["AccessKey.Revoke", "AccessKey.Create"], actions);
    }
}
