package io.tributary.console;

import io.tributary.verify.Check;
import io.tributary.verify.CheckRun;
import io.tributary.verify.CheckRunner;
import io.tributary.verify.FixableCheck;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's checks page: run all or one check, see each result's status, evidence and fix, apply a fix Tributary
 * can make itself (after an explicit confirmation), and look at earlier runs. Every action is a POST form with the
 * CSRF token answered by a redirect (post/redirect/get), so the page works without JavaScript and a reload never
 * runs the checks again.
 */
@Controller
public class ChecksController {

    private final CheckRunner runner;

    public ChecksController(CheckRunner runner) {
        this.runner = runner;
    }

    @GetMapping("/console/checks")
    String page(@RequestParam(required = false) Long run, Model model) {
        Optional<CheckRun> shown = run == null ? runner.latest() : runner.run(run);
        if (run != null && shown.isEmpty()) {
            model.addAttribute("error", "Run " + run + " is no longer kept; the newest " + runner.history().size()
                    + " runs are.");
            shown = runner.latest();
        }
        model.addAttribute("title", "Checks");
        model.addAttribute("section", "checks");
        model.addAttribute("checks", runner.checks());
        model.addAttribute("fixes", fixes());
        model.addAttribute("shown", shown.orElse(null));
        model.addAttribute("history", runner.history());
        return "console/checks";
    }

    @PostMapping("/console/checks/run")
    String runAll(Principal who, RedirectAttributes redirect) {
        CheckRun run = runner.runAll(trigger(who));
        redirect.addAttribute("run", run.number());
        return "redirect:/console/checks";
    }

    @PostMapping("/console/checks/{id}/run")
    String runOne(@PathVariable String id, Principal who, RedirectAttributes redirect) {
        known(id);
        CheckRun run = runner.runOne(id, trigger(who));
        redirect.addAttribute("run", run.number());
        return "redirect:/console/checks";
    }

    /**
     * Applies a check's fix, then runs the check again so the page shows the outcome. {@code confirm=yes} comes from
     * the checkbox next to the button; without it nothing is changed.
     */
    @PostMapping("/console/checks/{id}/fix")
    String applyFix(@PathVariable String id, @RequestParam(required = false) String confirm, Principal who,
            RedirectAttributes redirect) {
        Check check = known(id);
        if (!(check instanceof FixableCheck fixable)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "check " + id + " has no fix Tributary can apply");
        }
        if (!"yes".equals(confirm)) {
            redirect.addFlashAttribute("error", "Nothing changed: tick the confirmation next to the button to apply "
                    + "the fix (" + fixable.fixAction() + ").");
            return "redirect:/console/checks";
        }
        try {
            redirect.addFlashAttribute("message", "Applied: " + fixable.applyFix());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            redirect.addFlashAttribute("error", "The fix was not applied: " + e.getMessage());
        }
        CheckRun run = runner.runOne(id, trigger(who) + " after applying the fix");
        redirect.addAttribute("run", run.number());
        return "redirect:/console/checks";
    }

    /** The same runs as JSON, for the page's later enhancements and for scripts holding a console session. */
    @GetMapping("/console/api/checks")
    @ResponseBody
    Map<String, Object> json() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("checks", runner.checks().stream().map(c -> Map.of("id", c.id(), "title", c.title(),
                "fixable", c instanceof FixableCheck)).toList());
        body.put("runs", runner.history());
        return body;
    }

    private Check known(String id) {
        return runner.check(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no check " + id));
    }

    private Map<String, String> fixes() {
        Map<String, String> fixes = new LinkedHashMap<>();
        for (Check check : runner.checks()) {
            if (check instanceof FixableCheck fixable) {
                fixes.put(check.id(), fixable.fixAction());
            }
        }
        return fixes;
    }

    private static String trigger(Principal who) {
        return "console (" + (who == null ? "unknown" : who.getName()) + ")";
    }
}
