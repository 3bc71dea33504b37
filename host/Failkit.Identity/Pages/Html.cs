using System.Net;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Failkit.Identity.Pages;

/// <summary>Small server-rendered pages: one form each, labelled fields, an antiforgery token in every form, every
/// value HTML-encoded. The portal (Razor components) replaces them later; these only have to be correct and accessible.</summary>
internal static class Html
{
    public static string E(string? value) => WebUtility.HtmlEncode(value ?? "");

    public static ContentHttpResult Page(string title, string body, int status = StatusCodes.Status200OK) =>
        TypedResults.Content($"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)} · Failkit</title>
            <style>body{"{"}font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem{"}"}label{"{"}display:block;margin-top:1rem{"}"}input{"{"}width:100%;padding:.4rem{"}"}button{"{"}margin-top:1.2rem;padding:.5rem 1rem{"}"}.error{"{"}color:#a00{"}"}</style>
            </head><body><main><h1>{E(title)}</h1>
            {body}
            </main></body></html>
            """, "text/html; charset=utf-8", Encoding.UTF8, status);

    /// <summary>A POST form with the antiforgery token and the given fields.</summary>
    public static string Form(HttpContext http, string action, string submit, params string[] fields)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return $"""
            <form method="post" action="{E(action)}">
            <input type="hidden" name="{E(tokens.FormFieldName)}" value="{E(tokens.RequestToken)}">
            {string.Join("\n", fields)}
            <button type="submit">{E(submit)}</button>
            </form>
            """;
    }

    public static string Field(string name, string label, string type = "text", string? value = null, string autocomplete = "off") =>
        $"""<label for="{E(name)}">{E(label)}</label><input id="{E(name)}" name="{E(name)}" type="{E(type)}" value="{E(value)}" autocomplete="{E(autocomplete)}" required>""";

    public static string Hidden(string name, string? value) => $"""<input type="hidden" name="{E(name)}" value="{E(value)}">""";

    public static string Error(string? message) => message is null ? "" : $"""<p class="error" role="alert">{E(message)}</p>""";

    public static string Info(string message) => $"""<p role="status">{E(message)}</p>""";
}
