using Lakeport.Portal;
using Lakeport.Services;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortalServices();
builder.AddPortalUi();

var app = builder.Build();
app.UsePortal();
await app.RunAsync();

/// <summary>Entry point, public so WebApplicationFactory can host the whole portal in tests.</summary>
public partial class Program;
