using System.Security.Cryptography;
using Lakeport.Services.Configuration;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lakeport.Services.Security;

/// <summary>
/// On the first start (no users yet) creates the <c>admin</c> account that must change its password at first
/// sign-in, and optionally an access key for automation.
/// </summary>
public sealed partial class AdminBootstrapper(
    UserManager<PortalUser> users,
    Local.SqliteUserDirectory directory,
    IAccessKeyStore keys,
    IAuditLog audit,
    IOptions<PortalOptions> options,
    ILogger<AdminBootstrapper> logger)
{
    public const string AdminUserName = "admin";

    public async Task EnsureAdminAsync(CancellationToken cancellationToken)
    {
        if (await directory.CountAsync(cancellationToken) > 0)
        {
            return;
        }

        var bootstrap = options.Value.Bootstrap;
        var configured = !string.IsNullOrEmpty(bootstrap.AdminPassword);
        var password = configured ? bootstrap.AdminPassword! : NewOneTimePassword();

        var admin = new PortalUser { UserName = AdminUserName, Role = PortalRole.Admin, MustChangePassword = true };
        var result = await users.CreateAsync(admin, password);
        if (!result.Succeeded)
        {
            var reasons = string.Join(" ", result.Errors.Select(e => e.Description));
            throw new InvalidOperationException(configured
                ? $"Portal:Bootstrap:AdminPassword is not accepted: {reasons}"
                : $"Could not create the bootstrap admin: {reasons}");
        }

        await audit.RecordAsync(AuditEntry.For(Caller.System, "User.Create", AdminUserName, detail: "bootstrap admin"), cancellationToken);
        if (configured)
        {
            LogAdminCreatedWithConfiguredPassword(AdminUserName);
        }
        else
        {
            // The one secret Lakeport ever logs, on purpose and once: without it nobody could sign in.
            LogAdminCreatedWithOneTimePassword(AdminUserName, password);
        }

        if (!string.IsNullOrEmpty(bootstrap.AdminAccessKeyId) && !string.IsNullOrEmpty(bootstrap.AdminSecretAccessKey))
        {
            await keys.ImportAsync(Caller.System, AdminUserName, bootstrap.AdminAccessKeyId, bootstrap.AdminSecretAccessKey, cancellationToken);
            LogAccessKeyCreated(bootstrap.AdminAccessKeyId, AdminUserName);
        }
    }

    /// <summary>16 characters from every class Identity's default password rules ask for.</summary>
    internal static string NewOneTimePassword()
    {
        const string lower = "abcdefghijkmnopqrstuvwxyz";
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        const string symbols = "!#%+-=?@";
        var chars = new List<char>
        {
            RandomNumberGenerator.GetString(lower, 1)[0],
            RandomNumberGenerator.GetString(upper, 1)[0],
            RandomNumberGenerator.GetString(digits, 1)[0],
            RandomNumberGenerator.GetString(symbols, 1)[0],
        };
        chars.AddRange(RandomNumberGenerator.GetString(lower + upper + digits + symbols, 12));
        var array = chars.ToArray();
        RandomNumberGenerator.Shuffle(array.AsSpan());
        return new string(array);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the bootstrap admin '{UserName}' with one-time password {Password} — sign in and change it now; it is not shown again.")]
    private partial void LogAdminCreatedWithOneTimePassword(string userName, string password);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the bootstrap admin '{UserName}' with the password from Portal:Bootstrap:AdminPassword; it must be changed at first sign-in.")]
    private partial void LogAdminCreatedWithConfiguredPassword(string userName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created access key {AccessKeyId} for '{UserName}' from Portal:Bootstrap.")]
    private partial void LogAccessKeyCreated(string accessKeyId, string userName);
}
