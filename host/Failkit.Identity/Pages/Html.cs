using System.Net;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Identity.Pages;

/// <summary>Small server-rendered pages: one form each, labelled fields, an antiforgery token in every form, every
/// value HTML-encoded. They stay plain forms (no circuit, no script) so signing in works before anything else loads;
/// the stylesheet gives them the portal's look (docs/decisions/portal-signin.md).</summary>
internal static class Html
{
    public static string E(string? value) => WebUtility.HtmlEncode(value ?? "");

    public static ContentHttpResult Page(string title, string body, int status = StatusCodes.Status200OK) =>
        TypedResults.Content($"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)} · Failkit</title>
            <link rel="icon" href="data:,">
            <style>{SignInStyle.Css}</style>
            </head><body>
            <header class="bar"><span class="brand">Failkit</span></header>
            <main class="card"><h1>{E(title)}</h1>
            {body}
            </main></body></html>
            """, "text/html; charset=utf-8", Encoding.UTF8, status);

    /// <summary>A POST form with the antiforgery token and the given fields.</summary>
    public static string Form(HttpContext http, string action, string submit, params string[] fields)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return $"""
            <form method="post" action="{E(action)}" novalidate>
            <input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}">
            {string.Join("\n", fields)}
            <button type="submit" class="primary">{E(submit)}</button>
            </form>
            """;
    }

    /// <summary>A labelled input; its error (from the server's check) sits right under it and is tied to it for
    /// screen readers.</summary>
    public static string Field(string name, string label, string type = "text", string? value = null, string autocomplete = "off", string? error = null)
    {
        var invalid = error is null ? "" : $""" aria-invalid="true" aria-describedby="{E(name)}-error" """;
        var message = error is null ? "" : $"""<p class="field-error" id="{E(name)}-error" data-test="{E(name)}-error">{E(error)}</p>""";
        return $"""<div class="field"><label for="{E(name)}">{E(label)}</label><input id="{E(name)}" name="{E(name)}" type="{E(type)}" value="{E(value)}" autocomplete="{E(autocomplete)}" required{invalid}>{message}</div>""";
    }

    public static string Hidden(string name, string? value) => $"""<input type="hidden" name="{E(name)}" value="{E(value)}">""";

    public static string Error(string? message) => message is null ? "" : $"""<p class="error" role="alert" data-test="form-error">{E(message)}</p>""";

    public static string Info(string message) => $"""<p class="info" role="status">{E(message)}</p>""";

    public static string Link(string href, string text) => $"""<p class="links"><a href="{E(href)}">{E(text)}</a></p>""";
}
