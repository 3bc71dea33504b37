// Mounts one Elsa Studio custom element with a short-lived API token from the user's session, and keeps the token
// fresh by mounting a new <elsa-backend-provider>: the elements copy credentials once, into a process-wide setting,
// and a 401 would show Blazor's error bar instead of a login.
(() => {
    'use strict';
    const config = JSON.parse(document.getElementById('failkit-studio-config').textContent);
    const base = document.baseURI;
    const api = new URL(config.api, location.origin).href;
    const state = window.failkitStudio = { renewals: 0, expiresAt: 0, token: null };
    let provider = null;
    let element = null;
    let timer = 0;

    // The editor's Run button pushes <base>/workflows/instances/{id}/view; Failkit's viewer page lives elsewhere.
    const pushState = history.pushState.bind(history);
    history.pushState = (data, unused, url) => {
        const target = url ? new URL(url, base).pathname.match(/\/workflows\/instances\/([^/]+)\/view$/) : null;
        if (target) {
            location.assign(new URL('instances/' + target[1], base).href);
            return;
        }
        pushState(data, unused, url);
    };

    async function fetchToken() {
        const response = await fetch(config.tokenUrl, {
            method: 'POST', credentials: 'same-origin', headers: { 'X-Failkit-Studio': '1' },
        });
        if (response.status === 401 || response.redirected) {
            // The session ended: a fresh login beats a designer that fails on every call.
            location.reload();
            throw new Error('The session has ended.');
        }
        if (!response.ok) {
            throw new Error('The studio token request failed with ' + response.status + '.');
        }
        return response.json();
    }

    function mountProvider(token) {
        const next = document.createElement('elsa-backend-provider');
        next.setAttribute('remote-endpoint', api);
        next.setAttribute('access-token', token);
        document.body.appendChild(next);
        provider?.remove();
        provider = next;
    }

    function accept(token) {
        state.token = token.accessToken;
        state.expiresAt = Date.now() + token.expiresIn * 1000;
        clearTimeout(timer);
        // At 80 % of its life, but at least 15 s before it ends: the renewal itself waits for a busy server and a
        // busy page, and a request sent with the old token after it expired shows Blazor's error bar.
        timer = setTimeout(renew, Math.max(1000, Math.min(token.expiresIn * 800, (token.expiresIn - 15) * 1000)));
    }

    async function renew() {
        try {
            const token = await fetchToken();
            // Before Blazor has started, whichever element initialises last sets the token: keep both current.
            element?.setAttribute('access-token', token.accessToken);
            mountProvider(token.accessToken);
            accept(token);
            state.renewals++;
            console.info('failkit-studio: token renewed, valid for ' + token.expiresIn + ' s');
        } catch (error) {
            console.error(error);
            document.getElementById('failkit-studio-status').textContent = 'Reconnecting…';
            clearTimeout(timer);
            timer = setTimeout(renew, 5000);
            return;
        }
        document.getElementById('failkit-studio-status').textContent = '';
    }

    // Timers sleep in background tabs; renew as soon as the tab is back if the token is in its last fifth.
    document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible' && state.expiresAt - Date.now() < 0.2 * config.tokenLifetimeSeconds * 1000) {
            renew();
        }
    });

    function open(path) {
        location.assign(new URL(path, base).href);
    }

    async function start() {
        const token = await fetchToken();
        element = document.createElement(config.element);
        element.setAttribute('remote-endpoint', api);
        element.setAttribute('access-token', token.accessToken);
        for (const [name, value] of Object.entries(config.attributes)) {
            element.setAttribute(name, value);
        }
        element.editWorkflowDefinition = id => open('definitions/' + encodeURIComponent(id));
        element.viewWorkflowInstance = id => open('instances/' + encodeURIComponent(id));
        document.getElementById('failkit-studio').appendChild(element);
        mountProvider(token.accessToken);
        accept(token);
    }

    start().catch(error => {
        console.error(error);
        document.getElementById('failkit-studio-status').textContent = 'The designer could not start: ' + error.message;
    });
})();
