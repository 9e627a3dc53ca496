// The organiser picker on the event forms: names from the listed directory while typing, picked ones become
// ticked chips. Without script the chips can still be unticked and ids typed into the box beside them.
(function () {
    "use strict";

    function picker(root) {
        var input = root.querySelector("[data-picker-input]");
        var list = root.querySelector(".suggestions");
        var chips = root.querySelector("[data-picker-chips]");
        if (!input || !list || !chips) {
            return;
        }

        var timer = 0;
        var latest = 0;
        var active = -1;
        var shown = [];

        function close() {
            list.hidden = true;
            list.replaceChildren();
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
            shown = [];
        }

        function chosen(id) {
            return Array.prototype.some.call(chips.querySelectorAll("input[name=organisers]"), function (box) {
                return box.value === id && box.checked;
            });
        }

        function add(suggestion) {
            if (!chosen(suggestion.id)) {
                var item = document.createElement("li");
                var label = document.createElement("label");
                label.className = "chip";
                var box = document.createElement("input");
                box.type = "checkbox";
                box.name = "organisers";
                box.value = suggestion.id;
                box.checked = true;
                label.appendChild(box);
                label.appendChild(document.createTextNode(" " + suggestion.fullName));
                item.appendChild(label);
                chips.appendChild(item);
            }
            input.value = "";
            close();
            input.focus();
        }

        function show(suggestions) {
            list.replaceChildren();
            shown = suggestions.filter(function (s) { return !chosen(s.id); });
            shown.forEach(function (s, i) {
                var item = document.createElement("li");
                item.setAttribute("role", "option");
                item.id = list.id + "-" + i;
                var button = document.createElement("button");
                button.type = "button";
                button.className = "link";
                button.textContent = s.fullName;
                if (s.detail) {
                    var detail = document.createElement("span");
                    detail.className = "muted";
                    detail.textContent = " · " + s.detail;
                    button.appendChild(detail);
                }
                button.addEventListener("click", function () { add(s); });
                item.appendChild(button);
                list.appendChild(item);
            });
            list.hidden = shown.length === 0;
            input.setAttribute("aria-expanded", shown.length === 0 ? "false" : "true");
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
            if (event.key === "Enter") {
                // Enter picks a name; it must never submit the event form half filled.
                event.preventDefault();
                if (active >= 0 && shown[active]) {
                    add(shown[active]);
                } else if (shown.length === 1) {
                    add(shown[0]);
                }
                return;
            }
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
            }
        });

        document.addEventListener("click", function (event) {
            if (!root.contains(event.target)) {
                close();
            }
        });
    }

    Array.prototype.forEach.call(document.querySelectorAll("[data-picker]"), picker);
})();
