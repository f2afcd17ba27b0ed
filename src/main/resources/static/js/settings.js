// Settings form: show only the credential fields of the chosen SASL mechanism. Without this script every
// mechanism's fields stay visible, and the form works the same; hidden fields are still submitted unchanged.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const mechanism = document.getElementById("ingest-storage_kafka_sasl-mechanism");
  if (!mechanism) {
    return;
  }
  const subsections = document.querySelectorAll("fieldset[data-mechanisms]:not([data-mechanisms=''])");
  const showChosen = () => {
    for (const fieldset of subsections) {
      fieldset.hidden = !fieldset.dataset.mechanisms.split(" ").includes(mechanism.value);
    }
  };
  mechanism.addEventListener("change", showChosen);
  showChosen();
});
