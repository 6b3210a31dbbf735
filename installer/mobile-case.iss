; Inno Setup 6 script: installs the PyInstaller one-folder build for all users of the kit laptop.
; iscc installer\mobile-case.iss   (after pyinstaller installer\mobile-case.spec)
#define AppName "Мобільний кейс ЦНАП"
#define AppVersion "0.1.0"

[Setup]
AppId={{6E0C5B64-2B7B-4C5B-9C38-8C0E5C7F1A21}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=ЦНАП
DefaultDirName={autopf}\MobileCase
DefaultGroupName={#AppName}
OutputBaseFilename=mobile-case-setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
WizardStyle=modern

[Languages]
Name: "ukrainian"; MessagesFile: "compiler:Languages\Ukrainian.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\dist\mobile-case\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\mobile-case.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\mobile-case.exe"

[Run]
Filename: "{app}\mobile-case.exe"; Description: "Запустити {#AppName}"; Flags: nowait postinstall skipifsilent
