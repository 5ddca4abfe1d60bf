using Lakeport.Services.Security;

[assembly: AssemblyFixture(typeof(Lakeport.Portal.Tests.Infrastructure.SharedPortal))]

namespace Lakeport.Portal.Tests.Infrastructure;

/// <summary>One running portal for the tests that only read or add uniquely named things; starting one costs seconds.</summary>
public sealed class SharedPortal : IAsyncLifetime
{
    public PortalFactory Factory { get; } = new();

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public const string Viewer = "vera-viewer";
    public const string Analyst = "anna-analyst";
    public const string Admin = "adam-admin";

    public async ValueTask InitializeAsync()
    {
        BaseAddress = Factory.StartOnKestrel();
        await Factory.CreateUserAsync(Viewer, PortalRole.Viewer);
        await Factory.CreateUserAsync(Analyst, PortalRole.Analyst);
        await Factory.CreateUserAsync(Admin, PortalRole.Admin);
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
