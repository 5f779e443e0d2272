// The one script of the dashboard, an enhancement: a "Copy" button next to a new key. Without JavaScript the key is
// in a read-only field to select and copy by hand; the button stays hidden.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('button[data-copy-target]').forEach(function (button) {
    var field = document.getElementById(button.getAttribute('data-copy-target'));
    var status = document.getElementById(button.getAttribute('data-copy-status'));
    if (!field || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(field.value).then(function () {
        if (status) { status.textContent = 'Copied to the clipboard.'; }
      }, function () {
        field.select();
        if (status) { status.textContent = 'Could not copy: the key is selected, press Ctrl+C.'; }
      });
    });
  });
});
