using Dapper;

namespace Lakeport.Services.Security.Local;

/// <summary>The <c>users</c> table row (columns aliased to these names in SQL); times are epoch milliseconds.</summary>
internal sealed record UserRow(
    string Id, string UserName, string NormalizedUserName, string? PasswordHash, string SecurityStamp, string ConcurrencyStamp,
    string Role, long MustChangePassword, long IsDisabled, long LockoutEnabled, long? LockoutEnd, long AccessFailedCount,
    long CreatedAt, long? LastSignInAt)
{
    public static UserRow From(PortalUser u) => new(
        u.Id, u.UserName, u.NormalizedUserName, u.PasswordHash, u.SecurityStamp, u.ConcurrencyStamp, u.Role.ToString(),
        u.MustChangePassword ? 1 : 0, u.IsDisabled ? 1 : 0, u.LockoutEnabled ? 1 : 0, u.LockoutEnd?.ToUnixTimeMilliseconds(),
        u.AccessFailedCount, u.CreatedAt.ToUnixTimeMilliseconds(), u.LastSignInAt?.ToUnixTimeMilliseconds());

    public PortalUser ToUser() => new()
    {
        Id = Id,
        UserName = UserName,
        NormalizedUserName = NormalizedUserName,
        PasswordHash = PasswordHash,
        SecurityStamp = SecurityStamp,
        ConcurrencyStamp = ConcurrencyStamp,
        Role = Enum.Parse<PortalRole>(Role),
        MustChangePassword = MustChangePassword != 0,
        IsDisabled = IsDisabled != 0,
        LockoutEnabled = LockoutEnabled != 0,
        LockoutEnd = LockoutEnd is { } end ? DateTimeOffset.FromUnixTimeMilliseconds(end) : null,
        AccessFailedCount = (int)AccessFailedCount,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
        LastSignInAt = LastSignInAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null,
    };
}

internal static class DynamicParametersExtensions
{
    public static DynamicParameters With(this DynamicParameters parameters, string name, object? value)
    {
        parameters.Add(name, value);
        return parameters;
    }
}
