// Name suggestions while typing, and filters that apply as soon as they are ticked.
// No inline script anywhere: the page's Content-Security-Policy allows only files from this site.
(function () {
    "use strict";
    var input = document.getElementById("q");
    var list = document.getElementById("suggestions");
    var form = document.getElementById("search-form");
    if (!input || !list || !form) {
        return;
    }

    var timer = 0;
    var latest = 0;
    var active = -1;

    function close() {
        list.hidden = true;
        list.replaceChildren();
        input.setAttribute("aria-expanded", "false");
        active = -1;
    }

    function show(suggestions) {
        list.replaceChildren();
        suggestions.forEach(function (s, i) {
            var item = document.createElement("li");
            item.setAttribute("role", "option");
            item.id = "suggestion-" + i;
            var link = document.createElement("a");
            link.href = "/experts/" + encodeURIComponent(s.id);
            var name = document.createElement("span");
            name.className = "name";
            name.textContent = s.fullName;
            link.appendChild(name);
            // The server's line tells apart people of one name: affiliation and place, more where those are the same.
            if (s.detail) {
                var detail = document.createElement("span");
                detail.className = "detail";
                detail.textContent = s.detail;
                link.appendChild(detail);
            }
            item.appendChild(link);
            list.appendChild(item);
        });
        list.hidden = suggestions.length === 0;
        input.setAttribute("aria-expanded", suggestions.length === 0 ? "false" : "true");
        active = -1;
    }

    function move(step) {
        var items = list.querySelectorAll("li");
        if (items.length === 0) {
            return;
        }
        if (active >= 0) {
            items[active].classList.remove("active");
        }
        active = (active + step + items.length) % items.length;
        items[active].classList.add("active");
        input.setAttribute("aria-activedescendant", items[active].id);
    }

    input.addEventListener("input", function () {
        window.clearTimeout(timer);
        var text = input.value.trim();
        if (text.length < 2) {
            close();
            return;
        }
        timer = window.setTimeout(function () {
            var request = ++latest;
            fetch("/api/suggest?q=" + encodeURIComponent(text), { credentials: "same-origin", headers: { "Accept": "application/json" } })
                .then(function (response) { return response.ok ? response.json() : []; })
                .then(function (suggestions) {
                    // Answers can arrive out of order; only the newest one may fill the list.
                    if (request === latest) {
                        show(suggestions);
                    }
                })
                .catch(close);
        }, 150);
    });

    input.addEventListener("keydown", function (event) {
        if (list.hidden) {
            return;
        }
        if (event.key === "ArrowDown") {
            move(1);
            event.preventDefault();
        } else if (event.key === "ArrowUp") {
            move(-1);
            event.preventDefault();
        } else if (event.key === "Escape") {
            close();
        } else if (event.key === "Enter" && active >= 0) {
            event.preventDefault();
            list.querySelectorAll("li a")[active].click();
        }
    });

    input.addEventListener("blur", function () {
        // Late enough for a click on a suggestion to land first.
        window.setTimeout(close, 200);
    });

    document.querySelectorAll("input[type=checkbox][form=search-form]").forEach(function (box) {
        box.addEventListener("change", function () {
            var page = form.querySelector("input[name=page]");
            if (page) {
                page.remove();
            }
            form.requestSubmit();
        });
    });
})();
