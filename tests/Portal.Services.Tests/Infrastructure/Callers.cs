using Lakeport.Services.Security;

namespace Lakeport.Services.Tests.Infrastructure;

public static class Callers
{
    public static Caller Viewer { get; } = new("vera", PortalRole.Viewer, "test");

    public static Caller Analyst { get; } = new("anna", PortalRole.Analyst, "test");

    public static Caller Admin { get; } = new("adam", PortalRole.Admin, "test");

    public static CancellationToken Token => TestContext.Current.CancellationToken;
}
