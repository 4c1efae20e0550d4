BeforeDiscovery {
    $markerNames = 'Password', 'AppSecret', 'Token', 'Psk', 'NewPsk'
    $places = 'the six streams', 'error records and their exceptions', '$Error | Export-Clixml', 'ConvertTo-Json and Export-Clixml of the output', 'the transcript',
    'peer files of every format', 'progress records'
    $checks = foreach ($place in $places) { foreach ($marker in $markerNames) { @{ Marker = $marker; Place = $place } } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Secrets never leak: not in any stream, error, serialisation or transcript' {
    BeforeAll {
        $seed = Get-LabSeed
        $suffix = [guid]::NewGuid().ToString('n').Substring(0, 10)
        # Characters that URL-encoding, base64 and JSON each write differently, so each form is really looked for.
        $special = ' +/=&%?"'
        $user = New-LabUser -Password "pw$special${suffix}pwtail"
        $setup = New-LabToken -User $user.Name -Password $user.Password
        $userId = (Invoke-RestMethod -Uri "$($seed.auth_url)/auth/tokens" -Headers @{ 'X-Auth-Token' = $setup; 'X-Subject-Token' = $setup }).token.user.id
        $markers = [ordered]@{
            Password  = $user.Password
            AppSecret = "app$special${suffix}apptail"
            Token     = New-LabToken -User $user.Name -Password $user.Password
            Psk       = "psk$special${suffix}psktail"
            NewPsk    = "rot$special${suffix}rottail"
        }
        $appCred = (Invoke-RestMethod -Method Post -Uri "$($seed.auth_url)/users/$userId/application_credentials" -Headers @{ 'X-Auth-Token' = $setup } -ContentType 'application/json' `
                -Body (@{ application_credential = @{ name = "secrets-$suffix"; secret = $markers.AppSecret } } | ConvertTo-Json)).application_credential
        $transcript = Join-Path $TestDrive 'transcript.txt'
        $captured = [System.Collections.Generic.List[object]]::new()
        $outputs = [System.Collections.Generic.List[object]]::new()
        $used = @{}   # marker -> how it was proven to have been used successfully
        $Error.Clear()

        function Invoke-Step {
            # Runs a step with Verbose and Debug on; everything it writes reaches the host once (so the transcript
            # holds it) and is kept for the scans. Returns what it wrote.
            param([scriptblock] $Script)
            $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'; $WarningPreference = 'Continue'
            $items = [System.Collections.Generic.List[object]]::new()
            try { & $Script *>&1 | ForEach-Object { $items.Add($_); $_ } | Out-Host } catch { $items.Add($_); $_ | Out-Host }
            foreach ($item in $items) {
                $captured.Add($item)
                if ($item -is [OpenStackVpn.NeutronResource] -or $item -is [OpenStackVpn.OpenStackSession] -or
                    $item -is [OpenStackVpn.Core.Peer.ConnectionFinding] -or $item -is [OpenStackVpn.Core.Peer.PeerConfigFile]) { $outputs.Add($item) }
            }
            , $items
        }
        function Get-Session($items) { @($items | Where-Object { $_ -is [OpenStackVpn.OpenStackSession] }) | Select-Object -First 1 }
        function Test-Session($s) { $s -and (Get-IkePolicy -Id $seed.ikepolicy_id -Session $s).Id -eq $seed.ikepolicy_id }
        function Get-Psk([string] $Id) { (Get-IpsecSiteConnection -Id $Id -IncludeSecret -Session $admin).Psk | ConvertTo-PlainText }
        # Every peer format -Format offers (read at run time, so a format added later is scanned too), without
        # -IncludeSecret: the files' Content and the files written with -Path.
        $formats = [enum]::GetNames((Get-Command Export-IpsecPeerConfig).Parameters['Format'].ParameterType)
        $peerTexts = [System.Collections.Generic.List[string]]::new()
        $exported = [System.Collections.Generic.List[string]]::new()
        function Export-EveryFormat([string] $Id) {
            foreach ($format in $formats) {
                $dir = Join-Path $TestDrive "peer-$format-$([guid]::NewGuid().ToString('n'))"
                $files = @((Invoke-Step { Export-IpsecPeerConfig -Id $Id -Format $format -Verbose }) | Where-Object { $_ -is [OpenStackVpn.Core.Peer.PeerConfigFile] })
                $null = Invoke-Step { Export-IpsecPeerConfig -Id $Id -Format $format -Path $dir }
                if ($files) { $exported.Add($format) }
                $files | ForEach-Object { $peerTexts.Add($_.Content) }
                Get-ChildItem $dir -File -Recurse -ErrorAction Ignore | ForEach-Object { $peerTexts.Add((Get-Content $_.FullName -Raw)) }
            }
        }
        # Progress records are no stream that *>&1 redirects: a runspace of its own keeps them.
        $progress = [System.Collections.Generic.List[object]]::new()
        function Invoke-WithProgress([scriptblock] $Script, [object[]] $Arguments) {
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript($Script)
                foreach ($a in @((Get-Module OpenStackVpn).Path) + $Arguments) { $null = $ps.AddArgument($a) }
                $null = $ps.Invoke()
                $ps.Streams.Progress | ForEach-Object { $progress.Add($_) }
                $ps.Streams.Error | ForEach-Object { $captured.Add($_) }
            }
            finally { $ps.Dispose() }
        }

        $admin = Connect-Lab lab-admin
        $name = "secrets-$suffix"
        Start-Transcript -Path $transcript
        try {
            $credential = [pscredential]::new($user.Name, (ConvertTo-SecureString $markers.Password -AsPlainText -Force))
            $s = Get-Session (Invoke-Step { Connect-OpenStack -AuthUrl $seed.auth_url -Credential $credential -ProjectName admin })
            if (Test-Session $s) { $used.Password = 'a password login that then listed' }
            $null = Invoke-Step { Connect-OpenStack -AuthUrl $seed.auth_url -Credential ([pscredential]::new($user.Name, (ConvertTo-SecureString "$($markers.Password)x" -AsPlainText -Force))) -ProjectName admin }
            $s = Get-Session (Invoke-Step { Connect-OpenStack -AuthUrl $seed.auth_url -ApplicationCredentialId $appCred.id -ApplicationCredentialSecret (ConvertTo-SecureString $markers.AppSecret -AsPlainText -Force) })
            if (Test-Session $s) { $used.AppSecret = 'an application-credential login that then listed' }
            $null = Invoke-Step { Connect-OpenStack -AuthUrl $seed.auth_url -ApplicationCredentialId $appCred.id -ApplicationCredentialSecret (ConvertTo-SecureString "$($markers.AppSecret)x" -AsPlainText -Force) }
            $tokenSession = Get-Session (Invoke-Step { Connect-OpenStack -AuthUrl $seed.auth_url -Token (ConvertTo-SecureString $markers.Token -AsPlainText -Force) })
            if (Test-Session $tokenSession) { $used.Token = 'a token login that then listed' }

            $null = Connect-Lab lab-admin
            $psk = ConvertTo-SecureString $markers.Psk -AsPlainText -Force
            # Policies every peer format can write (Windows RRAS has no IKEv1 and no PFS group 5), so each format's
            # file is exported and scanned.
            $null = Invoke-Step { New-IkePolicy -Name $name -IkeVersion v2 -EncryptionAlgorithm aes-256 -AuthAlgorithm sha256 -Pfs group14 }
            $null = Invoke-Step { New-IpsecPolicy -Name $name -EncryptionAlgorithm aes-256 -AuthAlgorithm sha256 -Pfs group14 }
            $made = (Invoke-Step { New-IpsecSiteConnection -Name $name -VpnService $seed.vpnservice_id -IkePolicy $name -IpsecPolicy $name -PeerAddress 172.24.4.244 -PeerCidr 10.61.0.0/24 -Psk $psk }) |
                Where-Object { $_ -is [OpenStackVpn.IpsecSiteConnection] }
            if ($made -and (Get-Psk $made[0].Id) -eq $markers.Psk) { $used.Psk = 'a create the server stored it with' }
            $null = Invoke-Step { New-IpsecSiteConnection -Name "$name-whatif" -VpnService $seed.vpnservice_id -IkePolicy $name -IpsecPolicy $name -PeerAddress 172.24.4.246 -PeerCidr 10.64.0.0/24 -Psk $psk -WhatIf }
            if ($made) {
                Export-EveryFormat $made[0].Id
                # Test-IpsecSiteConnection on every stream, its findings as JSON, its errors: with a peer file that holds
                # the right key, one that holds another planted secret (NewPsk), and one that does not exist.
                $right = Export-IpsecPeerConfig -Id $made[0].Id -Path (Join-Path $TestDrive 'peer-right') -IncludeSecret -Session $admin
                $wrong = Join-Path (New-Item -ItemType Directory (Join-Path $TestDrive 'peer-wrong')) 'swanctl.conf'
                $other = [Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($markers.NewPsk))
                Set-Content $wrong ($right.Content -replace '(?m)^(\s*secret = ).*$', "`${1}0s$other")
                $null = Invoke-Step { Test-IpsecSiteConnection -Id $made[0].Id -PeerConfig $right.Path -Verbose -Debug }
                $null = Invoke-Step { Test-IpsecSiteConnection -Id $made[0].Id -PeerConfig $wrong -Verbose -Debug }
                $null = Invoke-Step { Test-IpsecSiteConnection -Id $made[0].Id -PeerConfig (Join-Path $TestDrive 'none/swanctl.conf') }
                $null = Invoke-Step { Set-IpsecSiteConnection -Id $made[0].Id -Psk (ConvertTo-SecureString $markers.NewPsk -AsPlainText -Force) -WhatIf }
                Invoke-WithProgress { param($m, $s, $n) Import-Module $m; Get-IpsecSiteConnection -Session $s -Name $n -IncludeSecret |
                        Wait-IpsecSiteConnection -Session $s -Status DOWN -TimeoutSec 2 -PollIntervalSec 1 } @($admin, $name)
                Invoke-WithProgress { param($m, $s) Import-Module $m; $null = Get-IpsecSiteConnection -Session $s -PageSize 1 -IncludeSecret } @($admin)
            }
            $null = Invoke-Step { New-IpsecSiteConnection -Name $name -VpnService $seed.vpnservice_id -IkePolicy $name -IpsecPolicy $name -PeerAddress vpn.example.com -PeerCidr 10.62.0.0/24 -Psk $psk }
            $null = Invoke-Step { New-IpsecSiteConnection -Name $name -VpnService $seed.vpnservice_id -IkePolicy $name -IpsecPolicy $name -PeerAddress 172.24.4.245 -PeerCidr 10.63.0.0/33 -Psk $psk }
            $null = Invoke-Step { Get-IpsecSiteConnection -Name $name }
            if ($made) {
                # Neutron refuses updates of pending connections: the rotation goes to an ACTIVE one, as an agent would report it.
                Set-TestStatus connection $made[0].Id ACTIVE
                $status = (Get-IpsecSiteConnection -Id $made[0].Id -Session $admin).Status
                $rotated = (Invoke-Step { Get-IpsecSiteConnection -Name $name | Set-IpsecSiteConnection -Psk (ConvertTo-SecureString $markers.NewPsk -AsPlainText -Force) -PassThru }) |
                    Where-Object { $_ -is [OpenStackVpn.IpsecSiteConnection] }
                if ($status -eq 'ACTIVE' -and $rotated -and (Get-Psk $made[0].Id) -eq $markers.NewPsk) { $used.NewPsk = 'a PSK rotation accepted on an ACTIVE connection' }
                Export-EveryFormat $made[0].Id
                Invoke-WithProgress { param($m, $s, $n) Import-Module $m; Get-IpsecSiteConnection -Session $s -Name $n |
                        Remove-IpsecSiteConnection -Session $s -Force -WhatIf } @($admin, $name)
            }
            $null = Invoke-Step { Get-IpsecSiteConnection -Name $name | Wait-IpsecSiteConnection -TimeoutSec 1 -PollIntervalSec 1 }
            $null = Invoke-Step { Get-IpsecSiteConnection -Name $name | Remove-IpsecSiteConnection -Force }
            $null = Invoke-Step { Remove-IkePolicy -Name $name -Force }
            $null = Invoke-Step { Remove-IpsecPolicy -Name $name -Force }
            # A refused token: the request that carried it ends in an error whose Request and messages are scanned.
            Remove-LabToken $markers.Token
            $null = Invoke-Step { Get-IkePolicy -Session $tokenSession }
            $null = Invoke-Step { Get-OpenStackSession }
        }
        finally {
            Stop-Transcript
            $null = Invoke-WebRequest -UseBasicParsing -Method Delete -Uri "$($seed.auth_url)/users/$userId/application_credentials/$($appCred.id)" -Headers @{ 'X-Auth-Token' = $setup }
            if ($user.UserId) { Remove-LabUser $user.UserId }
        }

        # The text of each place the scans look in.
        $records = @($captured | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $exceptions = foreach ($record in $records) { for ($e = $record.Exception; $e; $e = $e.InnerException) { $e } }
        $errorFile = Join-Path $TestDrive 'errors.xml'
        $Error | Export-Clixml -Path $errorFile -Depth 3
        $texts = @{
            'the six streams'                                = ($captured | ForEach-Object { $_ | Out-String -Width 4096; $_ | Format-List * -Force | Out-String -Width 4096 }) -join "`n"
            'error records and their exceptions'             = @(
                foreach ($record in $records) { "$record"; "$($record.ErrorDetails)"; $record.TargetObject | Out-String; $record | Format-List * -Force | Out-String -Width 4096 }
                foreach ($e in $exceptions) { $e.ToString(); $e | Format-List * -Force | Out-String -Width 4096; $e.ServerMessage; $e.Request; $e.RecommendedAction }
            ) -join "`n"
            '$Error | Export-Clixml'                         = Get-Content $errorFile -Raw
            'ConvertTo-Json and Export-Clixml of the output' = @(foreach ($object in $outputs) {
                    $object | ConvertTo-Json -Depth 10 -WarningAction SilentlyContinue
                    $file = Join-Path $TestDrive "$([guid]::NewGuid()).xml"
                    $object | Export-Clixml -Path $file -Depth 10
                    Get-Content $file -Raw
                }) -join "`n"
            'the transcript'                                 = Get-Content $transcript -Raw
            'peer files of every format'                     = $peerTexts -join "`n"
            'progress records'                               = @(foreach ($p in $progress) {
                    $p.Activity; $p.StatusDescription; $p.CurrentOperation; $p | Format-List * -Force | Out-String -Width 4096
                }) -join "`n"
        }
    }

    It 'the <_> was used successfully before it is looked for' -ForEach @('Password', 'AppSecret', 'Token', 'Psk', 'NewPsk') {
        $used[$_] | Should -Not -BeNullOrEmpty -Because "a secret never used cannot leak, and looking for it proves nothing"
    }

    It 'every place scanned holds what it should (the scans are not of empty text)' {
        @($outputs | Where-Object { $_ -is [OpenStackVpn.OpenStackSession] }).Count | Should -Be 4 -Because "three logins and Get-OpenStackSession"
        @($captured | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 10
        @($captured | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Count | Should -BeGreaterThan 10
        $records.Count | Should -BeGreaterOrEqual 4 -Because "two refused logins, a refusal by Neutron, one by the module"
        @($exceptions | Where-Object { $_.PSObject.Properties['ServerMessage'] -and $_.ServerMessage }).Count | Should -BeGreaterThan 0
        @($exceptions | Where-Object { $_.PSObject.Properties['Request'] -and $_.Request }).Count | Should -BeGreaterThan 0
        $texts['$Error | Export-Clixml'] | Should -BeLike '*<T>OpenStackVpn.OpenStackException</T>*<S N="ServerMessage">*'
        # Output reached the host once: the transcript holds the verbose lines and the errors themselves.
        $verbose = ($captured | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Select-Object -First 1).Message
        $texts['the transcript'] | Should -BeLike "*$([System.Management.Automation.WildcardPattern]::Escape($verbose))*"
        $texts['the transcript'] | Should -BeLike '*Peer address vpn.example.com cannot be resolved*'
        $texts['the transcript'] | Should -BeLike '*What if:*' -Because '-WhatIf with -Psk was run, and its text scanned'
        @($exported | Select-Object -Unique) | Should -Be @($formats) -Because 'every format -Format offers was exported (twice: PSK and NewPsk)'
        @($outputs | Where-Object { $_ -is [OpenStackVpn.Core.Peer.ConnectionFinding] }).Count | Should -BeGreaterThan 10
        @($outputs | Where-Object { $_ -is [OpenStackVpn.Core.Peer.ConnectionFinding] -and $_.Check -eq 'PeerConfig.Psk' -and
                $_.Severity -eq 'Error' }).Count | Should -Be 1 -Because 'the peer file with the other key was compared'
        $progress.Count | Should -BeGreaterThan 2
        # The secrets planted here (a token is the server's own).
        $planted = 'Password', 'AppSecret', 'Psk', 'NewPsk'
        foreach ($marker in $planted) {
            $markers[$marker] | Should -Match '&' -Because 'XML and URL escaping change &'
            $markers[$marker] | Should -Match '"' -Because 'JSON and XML escaping change "'
        }
    }

    It 'every form of a secret is found when it is there (the search can fail)' {
        foreach ($secret in $markers.Values) {
            foreach ($form in Get-SecretForm $secret | Where-Object Length -ge 8) { Find-Secret "before${form}after" $secret | Should -Not -BeNullOrEmpty }
            $hex = ([System.BitConverter]::ToString([System.Text.Encoding]::Unicode.GetBytes($secret)) -replace '-', '')
            Find-Secret "<SS>$hex</SS>" $secret | Should -Not -BeNullOrEmpty
            Find-Secret ([Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes("x:$secret;y"))) $secret | Should -Not -BeNullOrEmpty
            Find-Secret ([Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes("xy:$secret;"))) $secret | Should -Not -BeNullOrEmpty
        }
    }

    # Tagged SecretMarker: the reliability table counts these outcomes against the catalogue.
    It 'no <Marker> in <Place>' -ForEach $checks -Tag SecretMarker {
        $used[$Marker] | Should -Not -BeNullOrEmpty -Because 'a marker never used proves nothing by its absence'
        $texts[$Place].Length | Should -BeGreaterThan 200
        Find-Secret $texts[$Place] $markers[$Marker] | Should -BeNullOrEmpty
    }

    It 'shows the PSK only on explicit request' {
        $c = Get-IpsecSiteConnection -Id $seed.connection_id
        $c.Psk | Should -BeNullOrEmpty
        (Get-IpsecSiteConnection -Id $seed.connection_id -IncludeSecret).Psk | ConvertTo-PlainText | Should -Be 'secret'
    }
}
