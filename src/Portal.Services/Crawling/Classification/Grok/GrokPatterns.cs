namespace Lakeport.Services.Crawling.Classification.Grok;

/// <summary>
/// The standard grok pattern library Glue's grok classifiers can reference (REFERENCE §1), in the custom-pattern
/// format: one <c>NAME regex</c> per line. Written for .NET's regex engine.
/// </summary>
public static class GrokPatterns
{
    public const string Library =
        """
        # Names and words
        USERNAME [a-zA-Z0-9._-]+
        USER %{USERNAME}
        EMAILLOCALPART [a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+)*
        EMAILADDRESS %{EMAILLOCALPART}@%{HOSTNAME}
        WORD \b\w+\b
        NOTSPACE \S+
        SPACE \s*
        DATA .*?
        GREEDYDATA .*
        QUOTEDSTRING (?>(?<!\\)(?>"(?>\\.|[^\\"]+)+"|""|(?>'(?>\\.|[^\\']+)+')|''|(?>`(?>\\.|[^\\`]+)+`)|``))
        QS %{QUOTEDSTRING}
        UUID [A-Fa-f0-9]{8}-(?:[A-Fa-f0-9]{4}-){3}[A-Fa-f0-9]{12}

        # Numbers
        INT (?:[+-]?(?:[0-9]+))
        BASE10NUM (?<![0-9.+-])(?>[+-]?(?:(?:[0-9]+(?:\.[0-9]+)?)|(?:\.[0-9]+)))
        NUMBER (?:%{BASE10NUM})
        BASE16NUM (?<![0-9A-Fa-f])(?:[+-]?(?:0x)?(?:[0-9A-Fa-f]+))
        POSINT \b(?:[1-9][0-9]*)\b
        NONNEGINT \b(?:[0-9]+)\b

        # Networking
        IPV4 (?<![0-9])(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9]{1,2})\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9]{1,2})(?![0-9])
        IPV6 (?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:){6}%{IPV4}|::(?:[Ff]{4}(?::0{1,4})?:)?%{IPV4}|(?:[0-9A-Fa-f]{1,4}:){1,6}:[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:){1,5}(?::[0-9A-Fa-f]{1,4}){1,2}|(?:[0-9A-Fa-f]{1,4}:){1,4}(?::[0-9A-Fa-f]{1,4}){1,3}|(?:[0-9A-Fa-f]{1,4}:){1,3}(?::[0-9A-Fa-f]{1,4}){1,4}|(?:[0-9A-Fa-f]{1,4}:){1,2}(?::[0-9A-Fa-f]{1,4}){1,5}|[0-9A-Fa-f]{1,4}:(?::[0-9A-Fa-f]{1,4}){1,6}|(?:[0-9A-Fa-f]{1,4}:){1,7}:|:(?:(?::[0-9A-Fa-f]{1,4}){1,7}|:))(?:%[0-9A-Za-z]+)?
        IP (?:%{IPV6}|%{IPV4})
        HOSTNAME \b(?:[0-9A-Za-z][0-9A-Za-z-]{0,62})(?:\.(?:[0-9A-Za-z][0-9A-Za-z-]{0,62}))*(?:\.?|\b)
        HOST %{HOSTNAME}
        IPORHOST (?:%{IP}|%{HOSTNAME})
        HOSTPORT %{IPORHOST}:%{POSINT}

        # Paths and URIs
        UNIXPATH (?:/[\w%!$@:.,+~-]*)+
        WINPATH (?:[A-Za-z]+:|\\)(?:\\[^\\?*]*)+
        PATH (?:%{UNIXPATH}|%{WINPATH})
        URIPROTO [A-Za-z][A-Za-z0-9+.-]*
        URIHOST %{IPORHOST}(?::%{POSINT})?
        URIPATH (?:/[A-Za-z0-9$.+!*'(){},~:;=@#%&_-]*)+
        URIPARAM \?[A-Za-z0-9$.+!*'|(){},~@#%&/=:;_?\[\]<>-]*
        URIPATHPARAM %{URIPATH}(?:%{URIPARAM})?
        URI %{URIPROTO}://(?:%{USER}(?::[^@]*)?@)?(?:%{URIHOST})?(?:%{URIPATHPARAM})?

        # Dates and times
        MONTH \b(?:[Jj]an(?:uary)?|[Ff]eb(?:ruary)?|[Mm]ar(?:ch)?|[Aa]pr(?:il)?|[Mm]ay|[Jj]une?|[Jj]uly?|[Aa]ug(?:ust)?|[Ss]ep(?:tember)?|[Oo]ct(?:ober)?|[Nn]ov(?:ember)?|[Dd]ec(?:ember)?)\b
        MONTHNUM (?:0?[1-9]|1[0-2])
        MONTHNUM2 (?:0[1-9]|1[0-2])
        MONTHDAY (?:(?:0[1-9])|(?:[12][0-9])|(?:3[01])|[1-9])
        DAY (?:Mon(?:day)?|Tue(?:sday)?|Wed(?:nesday)?|Thu(?:rsday)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)
        YEAR (?>\d\d){1,2}
        HOUR (?:2[0123]|[01]?[0-9])
        MINUTE (?:[0-5][0-9])
        SECOND (?:(?:[0-5]?[0-9]|60)(?:[:.,][0-9]+)?)
        TIME (?<![0-9])%{HOUR}:%{MINUTE}(?::%{SECOND})(?![0-9])
        DATE_US %{MONTHNUM}[/-]%{MONTHDAY}[/-]%{YEAR}
        DATE_EU %{MONTHDAY}[./-]%{MONTHNUM}[./-]%{YEAR}
        DATE (?:%{DATE_US}|%{DATE_EU})
        DATESTAMP %{DATE}[- ]%{TIME}
        TZ (?:[PMCE][SD]T|UTC)
        ISO8601_TIMEZONE (?:Z|[+-]%{HOUR}(?::?%{MINUTE}))
        ISO8601_SECOND (?:%{SECOND}|60)
        TIMESTAMP_ISO8601 %{YEAR}-%{MONTHNUM}-%{MONTHDAY}[T ]%{HOUR}:?%{MINUTE}(?::?%{SECOND})?%{ISO8601_TIMEZONE}?
        HTTPDATE %{MONTHDAY}/%{MONTH}/%{YEAR}:%{TIME} %{INT}
        SYSLOGTIMESTAMP %{MONTH} +%{MONTHDAY} %{TIME}

        # Logs
        PROG [\x21-\x5a\x5c\x5e-\x7e]+
        SYSLOGPROG %{PROG:program}(?:\[%{POSINT:pid}\])?
        SYSLOGHOST %{IPORHOST}
        SYSLOGBASE %{SYSLOGTIMESTAMP:timestamp} %{SYSLOGHOST:logsource} %{SYSLOGPROG}:
        LOGLEVEL (?:[Aa]lert|ALERT|[Tt]race|TRACE|[Dd]ebug|DEBUG|[Nn]otice|NOTICE|[Ii]nfo|INFO|[Ww]arn?(?:ing)?|WARN?(?:ING)?|[Ee]rr?(?:or)?|ERR?(?:OR)?|[Cc]rit?(?:ical)?|CRIT?(?:ICAL)?|[Ff]atal|FATAL|[Ss]evere|SEVERE|EMERG(?:ENCY)?|[Ee]merg(?:ency)?)
        COMMONAPACHELOG %{IPORHOST:clientip} %{USER:ident} %{USER:auth} \[%{HTTPDATE:timestamp}\] "(?:%{WORD:verb} %{NOTSPACE:request}(?: HTTP/%{NUMBER:httpversion})?|%{DATA:rawrequest})" %{NUMBER:response} (?:%{NUMBER:bytes}|-)
        COMBINEDAPACHELOG %{COMMONAPACHELOG} %{QS:referrer} %{QS:agent}
        """;

    /// <summary>The library parsed once; it is constant, so sharing it is safe.</summary>
    public static IReadOnlyDictionary<string, string> Standard { get; } = GrokCompiler.ParseDefinitions(Library, "the standard library");
}
