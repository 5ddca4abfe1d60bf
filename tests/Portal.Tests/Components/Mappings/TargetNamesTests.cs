using Lakeport.Portal.Components.Pages.Mappings;

namespace Lakeport.Portal.Tests.Components.Mappings;

public sealed class TargetNamesTests
{
    [Theory]
    [InlineData("orderId", "order_id")]
    [InlineData("OrderDate", "order_date")]
    [InlineData("HTTPServerId", "http_server_id")]
    [InlineData("Customer Name", "customer_name")]
    [InlineData("ship-to--city", "ship_to_city")]
    [InlineData("address2Line", "address2_line")]
    [InlineData("already_snake", "already_snake")]
    [InlineData(" _Leading and trailing_ ", "leading_and_trailing")]
    [InlineData("a.b", "a_b")]
    [InlineData("GrößeInCm", "größe_in_cm")]
    public void ToSnakeCase_SplitsCaseAndSeparatorsIntoLowercaseWords_KeepingNonAsciiLetters(string name, string expected) =>
        Assert.Equal(expected, TargetNames.ToSnakeCase(name));

    [Theory]
    [InlineData("CustomerID", "customerid")]
    [InlineData("Full Name", "full_name")]
    [InlineData("größe", "gr__e")]
    [InlineData("a.b-c", "a_b_c")]
    public void FromSourceColumn_LowercasesAndReplacesEveryCharacterAthenaRefuses(string column, string expected) =>
        Assert.Equal(expected, TargetNames.FromSourceColumn(column));
}
