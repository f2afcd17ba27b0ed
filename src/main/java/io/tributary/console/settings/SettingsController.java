package io.tributary.console.settings;

import io.tributary.config.KafkaFlavor;
import io.tributary.config.edit.CandidateSettings;
import io.tributary.config.edit.SettingDefinition;
import io.tributary.config.edit.SettingGroup;
import io.tributary.config.edit.SettingView;
import io.tributary.config.edit.SettingsCatalog;
import io.tributary.config.edit.SettingsEditor;
import io.tributary.config.edit.SettingsExport;
import io.tributary.config.edit.SettingsVersion;
import io.tributary.kafka.ConnectionTest;
import io.tributary.kafka.KafkaBootstrap;
import io.tributary.kafka.TopicProvisioner;
import io.tributary.reconfigure.KafkaReconfiguration;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The settings editor: the form (every field with its setting name, default and origin; locked when the command
 * line or environment sets it), then validate → test connection → apply, or save anyway after a failed test; the
 * history of versions with their diffs and rollback; export as Mimir flags and YAML. Works without JavaScript.
 */
@Controller
public class SettingsController {

    private static final Duration TEST_TIMEOUT = Duration.ofSeconds(5);

    private final SettingsEditor editor;
    private final KafkaReconfiguration reconfiguration;
    private final ObjectProvider<KafkaBootstrap> bootstrap;
    private final ObjectProvider<TopicProvisioner> topic;

    public SettingsController(SettingsEditor editor, KafkaReconfiguration reconfiguration,
            ObjectProvider<KafkaBootstrap> bootstrap, ObjectProvider<TopicProvisioner> topic) {
        this.editor = editor;
        this.reconfiguration = reconfiguration;
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    @GetMapping("/console/settings")
    String form(Model model) {
        return renderForm(model, Map.of(), Map.of());
    }

    /** Fills the form with a flavor's preset; nothing is saved until the form is tested and applied. */
    @PostMapping("/console/settings/preset")
    String preset(@RequestParam Map<String, String> form, Model model) {
        Map<String, String> typed = typedValues(form);
        KafkaFlavor flavor = flavorOf(typed.getOrDefault(SettingsCatalog.FLAVOR_KEY, "generic"));
        flavor.preset().forEach((shortKey, preset) -> typed.put(SettingsCatalog.KAFKA_PREFIX + shortKey, preset.value()));
        model.addAttribute("presetApplied", flavor.displayName());
        return renderForm(model, typed, Map.of());
    }

    @PostMapping("/console/settings/test")
    String test(@RequestParam Map<String, String> form, @RequestParam(name = "clear", required = false) List<String> clear,
            HttpSession session, Model model, HttpServletResponse response) {
        Map<String, String> typed = typedValues(form);
        Map<String, String> candidate = editor.candidate(typed, clear == null ? Set.of() : new HashSet<>(clear));
        return testCandidate(candidate, "saved from the settings form", typed, session, model, response);
    }

    /** A rollback goes through the same test-then-apply steps as an edit. */
    @PostMapping("/console/settings/rollback/{number}")
    String rollback(@PathVariable int number, HttpSession session, Model model, HttpServletResponse response) {
        SettingsVersion version = editor.version(number).orElseThrow(() -> new UnknownVersionException(number));
        return testCandidate(new LinkedHashMap<>(version.values()), "rollback to version " + number, Map.of(), session,
                model, response);
    }

    private String testCandidate(Map<String, String> candidate, String comment, Map<String, String> typed,
            HttpSession session, Model model, HttpServletResponse response) {
        CandidateSettings checked = editor.check(candidate);
        if (!checked.valid()) {
            response.setStatus(422);
            model.addAttribute("invalid", true);
            return renderForm(model, typed, checked.errors());
        }
        KafkaBootstrap kafka = bootstrap.getIfAvailable();
        TopicProvisioner provisioned = topic.getIfAvailable();
        ConnectionTest.Result result = new ConnectionTest(TEST_TIMEOUT).run(checked.ingestStorage().getKafka(),
                kafka == null ? null : kafka.embeddedAddress(), provisioned == null ? 1 : Math.max(1, provisioned.partitionCount()));
        KafkaFlavor flavor = flavorOf(candidate.getOrDefault(SettingsCatalog.FLAVOR_KEY,
                editor.effective(SettingsCatalog.FLAVOR_KEY)));
        session.setAttribute(PendingChange.SESSION_KEY,
                new PendingChange(candidate, checked.ingestStorage().getKafka(), flavor, result, comment));
        model.addAttribute("changes", editor.changesTo(candidate));
        model.addAttribute("test", result);
        model.addAttribute("comment", comment);
        model.addAttribute("title", "Test connection");
        model.addAttribute("waiting", reconfiguration.waitingForRestart(checked.ingestStorage().getKafka()));
        return "console/settings-test";
    }

    @PostMapping("/console/settings/apply")
    String apply(@RequestParam(name = "anyway", defaultValue = "false") boolean anyway, HttpSession session,
            Principal principal, RedirectAttributes redirect) {
        PendingChange pending = (PendingChange) session.getAttribute(PendingChange.SESSION_KEY);
        if (pending == null) {
            redirect.addFlashAttribute("message", "Nothing to apply: test the settings first.");
            return "redirect:/console/settings";
        }
        if (!pending.test().passed() && !anyway) {
            redirect.addFlashAttribute("message", "The connection test failed: choose \"Save anyway\" to apply regardless.");
            return "redirect:/console/settings";
        }
        session.removeAttribute(PendingChange.SESSION_KEY);
        String comment = pending.comment() + (pending.test().passed() ? ", connection test passed"
                : ", saved anyway after a failed connection test");
        SettingsVersion version = editor.save(pending.values(), principal.getName(), comment);
        KafkaReconfiguration.Outcome outcome = reconfiguration.apply(pending.kafka(), pending.flavor());
        redirect.addFlashAttribute("message", "Saved version " + version.number() + ". Applied without a restart: "
                + (outcome.appliedLive().isEmpty() ? "nothing changed" : String.join(", ", outcome.appliedLive()))
                + (outcome.waitingForRestart().isEmpty() ? "." : ". At the next restart: "
                + String.join(", ", outcome.waitingForRestart()) + "."));
        return "redirect:/console/settings";
    }

    @GetMapping("/console/settings/history")
    String history(Model model) {
        List<VersionView> versions = new ArrayList<>();
        for (SettingsVersion v : editor.history()) {
            versions.add(VersionView.of(v, editor.changesOf(v)));
        }
        model.addAttribute("versions", versions);
        model.addAttribute("title", "Settings history");
        return "console/settings-history";
    }

    /** The form's content as JSON, for scripts: values, defaults and origins; secrets only as set or not set. */
    @GetMapping(value = "/console/api/settings", produces = MediaType.APPLICATION_JSON_VALUE)
    @org.springframework.web.bind.annotation.ResponseBody
    List<Map<String, Object>> settingsJson() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SettingView view : editor.current()) {
            SettingDefinition d = view.definition();
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("key", d.key());
            field.put("section", d.group().title());
            if (d.secret()) {
                field.put("set", view.secretSet());
            } else {
                field.put("value", view.value());
            }
            field.put("default", d.defaultValue());
            field.put("origin", view.origin().label());
            field.put("locked", view.origin().locked());
            field.put("appliesWithoutRestart", d.live());
            out.add(field);
        }
        return out;
    }

    @GetMapping(value = "/console/settings/export/flags", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> exportFlags() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN)
                .body(SettingsExport.mimirFlags(editor.effectiveEntries()));
    }

    @GetMapping(value = "/console/settings/export/yaml", produces = "application/yaml")
    ResponseEntity<String> exportYaml() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml"))
                .body(SettingsExport.mimirYaml(editor.effectiveEntries()));
    }

    private String renderForm(Model model, Map<String, String> typed, Map<String, List<String>> errors) {
        Map<SettingGroup, List<FieldSetView>> groups = new LinkedHashMap<>();
        List<String> otherErrors = new ArrayList<>();
        errors.forEach((key, messages) -> {
            if (editor.catalog().find(key).isEmpty()) {
                otherErrors.addAll(messages);
            }
        });
        for (SettingView view : editor.current()) {
            SettingDefinition d = view.definition();
            String shown = d.secret() ? "" : typed.getOrDefault(d.key(), view.value());
            List<FieldSetView> sets = groups.computeIfAbsent(d.group(), g -> new ArrayList<>());
            String title = d.authSubsection().title();
            if (sets.isEmpty() || !sets.get(sets.size() - 1).title().equals(title)) {
                sets.add(new FieldSetView(title, d.authSubsection().mechanisms(), new ArrayList<>()));
            }
            sets.get(sets.size() - 1).fields().add(new FieldView(view, shown, errors.getOrDefault(d.key(), List.of())));
        }
        model.addAttribute("groups", groups);
        model.addAttribute("otherErrors", otherErrors);
        model.addAttribute("flavors", KafkaFlavor.values());
        KafkaBootstrap kafka = bootstrap.getIfAvailable();
        model.addAttribute("embeddedAddress", kafka == null ? null : kafka.embeddedAddress());
        model.addAttribute("title", "Settings");
        return "console/settings";
    }

    /** The submitted setting values; Spring's own form fields (the CSRF token, buttons) are not settings. */
    private Map<String, String> typedValues(Map<String, String> form) {
        Map<String, String> typed = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (editor.catalog().find(name).isPresent()) {
                typed.put(name, value);
            }
        });
        return typed;
    }

    private static KafkaFlavor flavorOf(String value) {
        try {
            return KafkaFlavor.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return KafkaFlavor.GENERIC;
        }
    }
}
