using Lakeport.Services.Scheduling;

namespace Lakeport.Services.Tests.Scheduling;

/// <summary>The plain-English description the cron editor shows while the Admin types.</summary>
public sealed class ScheduleDescriptionTests
{
    [Theory]
    [InlineData("cron(15 12 * * ? *)", "At 12:15 UTC every day")]
    [InlineData("cron(0/15 8-17 ? * MON-FRI *)", "Every 15 minutes, between 08:00 and 17:59 UTC, Monday to Friday")]
    [InlineData("cron(0 0 L * ? *)", "At 00:00 UTC on the last day of every month")]
    [InlineData("cron(0 9 15W * ? *)", "At 09:00 UTC on the weekday nearest the 15th of every month")]
    [InlineData("cron(0 9 LW * ? *)", "At 09:00 UTC on the last weekday of every month")]
    [InlineData("cron(0 0 L-3 * ? *)", "At 00:00 UTC 3 days before the last day of every month")]
    [InlineData("cron(0 12 ? * 6L *)", "At 12:00 UTC on the last Friday of every month")]
    [InlineData("cron(0 12 ? * 2#3 *)", "At 12:00 UTC on the third Monday of every month")]
    [InlineData("cron(0 0 ? * L *)", "At 00:00 UTC on Saturdays")]
    [InlineData("cron(0 0 1,15 * ? *)", "At 00:00 UTC on the 1st and 15th of every month")]
    [InlineData("cron(0 0 29 FEB ? *)", "At 00:00 UTC on the 29th of February")]
    [InlineData("cron(0 6 1 */3 ? *)", "At 06:00 UTC on the 1st of every 3rd month from January")]
    [InlineData("cron(30 9 ? JAN,JUL MON *)", "At 09:30 UTC on Mondays, in January and July")]
    [InlineData("cron(0 12 * JUN-AUG ? *)", "At 12:00 UTC every day, June to August")]
    [InlineData("cron(0 8,12,16 ? * MON-FRI *)", "At 08:00, 12:00 and 16:00 UTC, Monday to Friday")]
    [InlineData("cron(0 12 ? * SAT,SUN 2028)", "At 12:00 UTC on Saturdays and Sundays, in 2028")]
    [InlineData("cron(0 0 1 1 ? 2029-2030)", "At 00:00 UTC on the 1st of January, in 2029 to 2030")]
    [InlineData("cron(0 */6 * * ? *)", "At minute 0, every 6 hours")]
    [InlineData("cron(0 * * * ? *)", "Every hour, on the hour")]
    [InlineData("cron(10 * ? * MON *)", "At minute 10 of every hour, on Mondays")]
    [InlineData("cron(5,35 10-11 * * ? *)", "At minutes 5 and 35, between 10:00 and 11:59 UTC")]
    [InlineData("cron(0 12 31 jul ? *)", "At 12:00 UTC on the 31st of July")]
    [InlineData("rate(2 hours)", "Every 2 hours")]
    [InlineData("rate(1 hour)", "Every hour")]
    [InlineData("rate(5 minutes)", "Every 5 minutes")]
    [InlineData("rate(90 minutes)", "Every 90 minutes")]
    [InlineData("rate(1 day)", "Every day")]
    [InlineData("rate(3 days)", "Every 3 days")]
    public void Describe_SaysTheScheduleInPlainEnglish(string expression, string expected)
    {
        Assert.Equal(expected, ScheduleDescription.Describe(ScheduleExpression.Parse(expression)));
    }
}
