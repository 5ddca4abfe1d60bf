using Lakeport.Portal;
using Lakeport.Services;
using Lakeport.Services.Query.Local.Isolated;

// The same program is the portal's query engine process (EngineHost), started by the portal itself.
if (args is [EngineHost.Command, ..])
{
    return await EngineHost.RunAsync(CancellationToken.None);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddPortalServices();
builder.AddQueryEngineProcess(typeof(Program).Assembly.Location);
builder.AddPortalUi();

var app = builder.Build();
app.UsePortal();
await app.RunAsync();
return 0;

/// <summary>Entry point, public so WebApplicationFactory can host the whole portal in tests.</summary>
public partial class Program;
