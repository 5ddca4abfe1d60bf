using System.Globalization;
using Lakeport.Services.Scheduling;

namespace Lakeport.Services.Tests.Scheduling;

/// <summary>
/// AWS's cron and rate rules against a table of expressions and their next fire times, worked out by hand from the
/// calendar (2027-01-15 is a Friday; 2028 is a leap year, 2027 is not).
/// </summary>
public sealed class ScheduleExpressionTests
{
    private const string Friday = "2027-01-15T10:00";

    private static DateTimeOffset At(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    [Theory]
    [InlineData("cron(15 12 * * ? *)", Friday, "2027-01-15T12:15 2027-01-16T12:15 2027-01-17T12:15")]
    [InlineData("cron(0 0 L * ? *)", Friday, "2027-01-31T00:00 2027-02-28T00:00 2027-03-31T00:00 2027-04-30T00:00")]
    [InlineData("cron(0 0 31 * ? *)", Friday, "2027-01-31T00:00 2027-03-31T00:00 2027-05-31T00:00 2027-07-31T00:00")]
    [InlineData("cron(0 12 31 JAN-MAR ? *)", Friday, "2027-01-31T12:00 2027-03-31T12:00 2028-01-31T12:00")]
    [InlineData("cron(0 0 29 2 ? *)", Friday, "2028-02-29T00:00 2032-02-29T00:00")]
    [InlineData("cron(0 0 L FEB ? *)", Friday, "2027-02-28T00:00 2028-02-29T00:00 2029-02-28T00:00")]
    [InlineData("cron(0 9 LW * ? *)", Friday, "2027-01-29T09:00 2027-02-26T09:00 2027-03-31T09:00 2027-04-30T09:00")]
    // 15 May 2027 is a Saturday: the nearest weekday is Friday the 14th.
    [InlineData("cron(0 9 15W * ? *)", Friday, "2027-02-15T09:00 2027-03-15T09:00 2027-04-15T09:00 2027-05-14T09:00")]
    // 1 May 2027 is a Saturday: W does not leave the month, so Monday the 3rd.
    [InlineData("cron(0 9 1W * ? *)", Friday, "2027-02-01T09:00 2027-03-01T09:00 2027-04-01T09:00 2027-05-03T09:00")]
    [InlineData("cron(0 0 L-2 * ? *)", Friday, "2027-01-29T00:00 2027-02-26T00:00 2027-03-29T00:00 2027-04-28T00:00")]
    [InlineData("cron(0 12 ? * 6L *)", Friday, "2027-01-29T12:00 2027-02-26T12:00 2027-03-26T12:00 2027-04-30T12:00")]
    [InlineData("cron(0 12 ? * 2#3 *)", Friday, "2027-01-18T12:00 2027-02-15T12:00 2027-03-15T12:00 2027-04-19T12:00")]
    [InlineData("cron(0 0 ? * L *)", Friday, "2027-01-16T00:00 2027-01-23T00:00")]
    [InlineData("cron(0/15 8-17 ? * MON-FRI *)", "2027-01-15T17:40", "2027-01-15T17:45 2027-01-18T08:00 2027-01-18T08:15")]
    [InlineData("cron(0 8 ? * SAT,SUN *)", Friday, "2027-01-16T08:00 2027-01-17T08:00 2027-01-23T08:00")]
    [InlineData("cron(30 9 ? JAN,JUL MON *)", Friday, "2027-01-18T09:30 2027-01-25T09:30 2027-07-05T09:30")]
    [InlineData("cron(0 6 1 */3 ? *)", Friday, "2027-04-01T06:00 2027-07-01T06:00 2027-10-01T06:00 2028-01-01T06:00")]
    [InlineData("cron(0 */6 * * ? *)", Friday, "2027-01-15T12:00 2027-01-15T18:00 2027-01-16T00:00")]
    [InlineData("cron(5,35 10-11 * * ? *)", Friday, "2027-01-15T10:05 2027-01-15T10:35 2027-01-15T11:05 2027-01-15T11:35 2027-01-16T10:05")]
    [InlineData("cron(0 12 31 jul ? *)", Friday, "2027-07-31T12:00 2028-07-31T12:00")]
    public void NextFires_FollowTheCalendar(string expression, string after, string expected)
    {
        var schedule = ScheduleExpression.Parse(expression);
        var want = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(At).ToList();

        var fires = schedule.NextFires(At(after), At(after), 5);

        Assert.Equal(want, fires.Take(want.Count).ToList());
        Assert.Equal(5, fires.Count);
    }

    [Theory]
    [InlineData("cron(0 0 1 1 ? 2029-2030)", "2029-01-01T00:00 2030-01-01T00:00")]
    [InlineData("cron(0 0 1 1 ? 2026)", "")]
    [InlineData("cron(0 0 29 2 ? 2027,2028)", "2028-02-29T00:00")]
    public void YearField_EndsTheSchedule_AfterItsLastYear(string expression, string expected)
    {
        var fires = ScheduleExpression.Parse(expression).NextFires(At(Friday), At(Friday), 5);

        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(At), fires);
    }

    [Theory]
    // A rate counts from the trigger's activation, not from the clock's round numbers.
    [InlineData("rate(2 hours)", "2027-01-15T09:30", "2027-01-15T09:30", "2027-01-15T11:30 2027-01-15T13:30 2027-01-15T15:30")]
    [InlineData("rate(2 hours)", "2027-01-15T09:30", Friday, "2027-01-15T11:30 2027-01-15T13:30 2027-01-15T15:30")]
    [InlineData("rate(2 hours)", "2027-01-15T09:30", "2027-01-15T11:30", "2027-01-15T13:30 2027-01-15T15:30 2027-01-15T17:30")]
    [InlineData("rate(45 minutes)", "2027-01-15T09:50", Friday, "2027-01-15T10:35 2027-01-15T11:20 2027-01-15T12:05")]
    [InlineData("rate(1 day)", "2027-02-27T08:00", "2027-02-27T08:00", "2027-02-28T08:00 2027-03-01T08:00 2027-03-02T08:00")]
    public void Rate_FiresEveryIntervalFromItsActivation(string expression, string anchor, string after, string expected)
    {
        var fires = ScheduleExpression.Parse(expression).NextFires(At(after), At(anchor), 3);

        Assert.Equal(expected.Split(' ').Select(At), fires);
    }

    [Fact]
    public void FiresBetween_KeepsTheWindowOpenAtTheStartAndClosedAtTheEnd()
    {
        var schedule = ScheduleExpression.Parse("cron(0 12 * * ? *)");

        var fires = schedule.FiresBetween(At("2027-01-15T12:00"), At("2027-01-17T12:00"), At(Friday), 100);

        Assert.Equal([At("2027-01-16T12:00"), At("2027-01-17T12:00")], fires);
    }

    [Theory]
    [InlineData("cron(0 12 15 * MON *)", "Day-of-week")]
    [InlineData("cron(0 12 ? * ? *)", "Day-of-month")]
    [InlineData("cron(60 * * * ? *)", "Minutes")]
    [InlineData("cron(* * * * ? *)", "Minutes")]
    [InlineData("cron(0/1 * * * ? *)", "Minutes")]
    [InlineData("cron(0,2 * * * ? *)", "Minutes")]
    [InlineData("cron(0 24 * * ? *)", "Hours")]
    [InlineData("cron(0 0 32 * ? *)", "Day-of-month")]
    [InlineData("cron(0 0 L-31 * ? *)", "Day-of-month")]
    [InlineData("cron(0 0 1 13 ? *)", "Month")]
    [InlineData("cron(0 0 1 JAX ? *)", "Month")]
    [InlineData("cron(0 0 ? * 8 *)", "Day-of-week")]
    [InlineData("cron(0 0 ? * 2#6 *)", "Day-of-week")]
    [InlineData("cron(0 0 1 1 ? 2200)", "Year")]
    [InlineData("cron(0 0 1 1 ? 1969)", "Year")]
    [InlineData("cron(0 12 * * ?)", "Expression")]
    [InlineData("cron(0 12 * * ? * *)", "Expression")]
    [InlineData("every day at noon", "Expression")]
    [InlineData("rate(1 minutes)", "Rate")]
    [InlineData("rate(2 minute)", "Rate")]
    [InlineData("rate(4 minutes)", "Rate")]
    [InlineData("rate(0 hours)", "Rate")]
    public void Parse_RefusesAnInvalidSchedule_NamingTheField(string expression, string field)
    {
        var error = Assert.Throws<ScheduleException>(() => ScheduleExpression.Parse(expression));

        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Parse_BothDayFieldsSet_SaysOneMustBeAQuestionMark()
    {
        var error = Assert.Throws<ScheduleException>(() => ScheduleExpression.Parse("cron(0 12 15 * MON *)"));

        Assert.Contains("must be '?'", error.Message, StringComparison.Ordinal);
    }
}
