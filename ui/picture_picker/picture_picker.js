// The picture picker: one button per picture, rebuilt only when the pictures change
// (a page run that only moves the choice just moves aria-pressed).
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let root = parentElement.querySelector(".pic-picker");
  if (!root) {
    root = document.createElement("div");
    root.className = "pic-picker";
    root.setAttribute("role", "group");
    parentElement.appendChild(root);
  }
  root.setAttribute("aria-label", data.label);
  const items = JSON.stringify(data.items);
  if (root.dataset.items !== items) {
    root.dataset.items = items;
    root.replaceChildren(...data.items.map((item) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "pic-picker-item";
      button.dataset.value = item.value;
      button.title = item.label;
      button.setAttribute("aria-label", item.label);
      const img = document.createElement("img");
      img.src = item.src;
      img.alt = "";
      button.appendChild(img);
      button.addEventListener("click", () => {
        // Marked at once: the page's run that follows confirms it.
        for (const other of root.children) other.setAttribute("aria-pressed", String(other === button));
        setTriggerValue("pick", item.value);
      });
      return button;
    }));
  }
  for (const button of root.children) {
    button.setAttribute("aria-pressed", String(button.dataset.value === data.chosen));
  }
  root.dataset.chosen = data.chosen || "";
}
