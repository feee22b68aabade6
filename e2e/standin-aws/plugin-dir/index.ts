// run-plugin requires this directory; starting the provider is main.ts's job.
import "../main";
