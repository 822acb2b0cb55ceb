using WeeEvents.AspNetCore.Problems;

namespace WeeEvents.AspNetCore.Http;

/// <summary>
/// <see cref="TextRule"/> over every query parameter of every request (names and values, once decoded), before any
/// endpoint reads them: a control character in <c>?customerId=</c> is a 400 naming the parameter on every database,
/// whichever list or route it was sent to. <see cref="WeeEventsApplicationExtensions.MapWeeEventsDefaults"/> adds it.
/// </summary>
internal static class QueryText
{
    public static Task CheckAsync(HttpContext http, RequestDelegate next)
    {
        foreach (var (name, values) in http.Request.Query)
        {
            if (TextRule.Check(name, "parameter name") is { } badName)
            {
                throw HttpRequestProblem.InvalidField(name, badName + " " + TextRule.Description);
            }

            foreach (var value in values)
            {
                if (TextRule.Check(value, "value") is { } problem)
                {
                    throw HttpRequestProblem.InvalidField(name, problem + " " + TextRule.Description);
                }
            }
        }

        return next(http);
    }
}
