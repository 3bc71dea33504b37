namespace Failkit.Identity.Pages;

/// <summary>The sign-in pages' look: the portal's MudBlazor theme (dark app bar, white card, 6 px corners, outlined
/// fields) in a few lines of CSS, so the first page a user sees matches the rest. Colours are picked for WCAG AA
/// contrast: white on #0369a1 is 5.9:1, #b91c1c on white 6.5:1.</summary>
internal static class SignInStyle
{
    public const string Css = """
        *{box-sizing:border-box}
        body{margin:0;background:#f1f5f9;color:#1e293b;font-family:Roboto,Helvetica,Arial,sans-serif;font-size:.95rem;line-height:1.5}
        .bar{background:#0f172a;color:#f8fafc;height:48px;display:flex;align-items:center;padding:0 24px;box-shadow:0 2px 4px rgba(0,0,0,.2)}
        .brand{font-size:1.25rem;font-weight:500;letter-spacing:.01em}
        .card{background:#fff;max-width:26rem;margin:3rem auto;padding:2rem 2rem 1.5rem;border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.12),0 1px 2px rgba(0,0,0,.08)}
        h1{font-size:1.5rem;font-weight:400;margin:0 0 1.25rem}
        .field{margin-bottom:1rem}
        label{display:block;font-size:.8rem;font-weight:500;color:#475569;margin-bottom:.25rem}
        input:not([type=hidden]){width:100%;padding:.6rem .75rem;font:inherit;border:1px solid #94a3b8;border-radius:6px;background:#fff;color:inherit}
        input:focus{outline:2px solid #0369a1;outline-offset:0;border-color:#0369a1}
        input[aria-invalid=true]{border-color:#b91c1c}
        .field-error{color:#b91c1c;font-size:.8rem;margin:.25rem 0 0}
        .error{color:#b91c1c;background:#fef2f2;border-left:4px solid #b91c1c;padding:.6rem .75rem;border-radius:4px}
        .info{background:#f0f9ff;border-left:4px solid #0369a1;padding:.6rem .75rem;border-radius:4px}
        button,.button{display:block;width:100%;padding:.6rem 1rem;font:inherit;font-weight:500;text-transform:uppercase;letter-spacing:.03em;border-radius:6px;cursor:pointer;text-align:center;text-decoration:none}
        button.primary{background:#0369a1;color:#fff;border:0;margin-top:.5rem;box-shadow:0 1px 2px rgba(0,0,0,.2)}
        button.primary:hover{background:#075985}
        button:focus-visible,.button:focus-visible,a:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
        .button{border:1px solid #4338ca;color:#4338ca;background:#fff;margin-top:.5rem}
        .button:hover{background:#eef2ff}
        .sso{margin-top:1.5rem}
        .or{display:flex;align-items:center;gap:.75rem;color:#64748b;font-size:.8rem;margin-bottom:.25rem}
        .or::before,.or::after{content:"";flex:1;border-top:1px solid #cbd5e1}
        .links{margin:1.25rem 0 0;font-size:.9rem}
        a{color:#0369a1}
        """;
}
