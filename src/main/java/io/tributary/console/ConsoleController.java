package io.tributary.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.Map;

/**
 * The console's pages: the login form, the home page with this instance's identity, and the sections that later
 * increments fill (partitions), so the navigation already has its final shape. Settings and checks have their own
 * controllers.
 */
@Controller
public class ConsoleController {

    /** Section path → title; the sections that are still placeholders. */
    static final Map<String, String> SECTIONS = Map.of(
            "partitions", "Partitions");

    private final InstanceSummaries instance;

    public ConsoleController(InstanceSummaries instance) {
        this.instance = instance;
    }

    @GetMapping("/login")
    String login() {
        return "console/login";
    }

    @GetMapping("/")
    String root() {
        return "redirect:/console";
    }

    @GetMapping("/console")
    String home(Model model) {
        model.addAttribute("instance", instance.current());
        return "console/home";
    }

    @GetMapping("/console/{section:partitions}")
    String section(@PathVariable String section, Model model) {
        model.addAttribute("section", section);
        model.addAttribute("title", SECTIONS.get(section));
        return "console/section";
    }
}
